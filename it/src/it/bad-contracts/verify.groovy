// One build failure lists every problem of every contract, each as file:line[:col] [CODE].
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /src\/main\/contracts\/orders\.yaml:23(:\d+)? \[OPENAPI_UNRESOLVED_REF\]/
assert log =~ /src\/main\/contracts\/tickets\.mcp\.json:16(:\d+)? \[MCPJSON_MISSING_FIELD\]/
assert log =~ /src\/main\/contracts\/legacy\.wsdl:6(:\d+)? \[WSDL_PARSE_ERROR\]/
assert !log.contains('\tat dev.imcp')
true
