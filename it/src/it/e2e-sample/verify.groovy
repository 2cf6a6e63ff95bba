def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0/
// The whole life of the adapter process, start to shutdown: no SLF4J fallback, no unconfigured Helidon security.
def adapterLog = new File(basedir, 'target/adapter.log').text
assert adapterLog.contains('iMCP adapter ')
assert !adapterLog.contains('SLF4J')
assert !adapterLog.contains('NOT configured')
true
