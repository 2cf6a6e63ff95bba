def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0/
true
