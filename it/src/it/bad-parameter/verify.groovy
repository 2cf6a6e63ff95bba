// The first wrong parameter is reported by its pom element, with what is allowed; no stack trace of ours.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("<basePackage> 'com.example.new' is not a Java package name: 'new' is a Java keyword; "
        + 'use dot-separated Java identifiers that are not keywords, e.g. com.example.adapter')
assert !log.contains('\tat dev.imcp')
true
