// One build failure lists every problem of every contract, each as file:line[:col] [CODE].
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /src\/main\/contracts\/orders\.yaml:23(:\d+)? \[OPENAPI_UNRESOLVED_REF\]/
// and in the same build, the OpenAPI bad-input classes of issue 7 that do not stop it: a duplicate operationId, a
// path parameter missing from the path template, a schema of an unknown type
assert log =~ /src\/main\/contracts\/orders\.yaml:26(:\d+)? \[OPENAPI_DUPLICATE_OPERATION_ID\] .*operationId 'getOrder' .*orders\.yaml:10/
assert !log.contains('operationId is repeated')
assert log =~ /src\/main\/contracts\/orders\.yaml:2[78](:\d+)? \[OPENAPI_PATH_PARAMETER_UNUSED\]/
assert log =~ /src\/main\/contracts\/orders\.yaml:3[56](:\d+)? \[OPENAPI_UNSUPPORTED_SCHEMA\]/
assert log =~ /src\/main\/contracts\/tickets\.mcp\.json:16(:\d+)? \[MCPJSON_MISSING_FIELD\]/
assert log =~ /src\/main\/contracts\/legacy\.wsdl:6(:\d+)? \[WSDL_PARSE_ERROR\]/
// the WSDL bad-input classes of issue 6, all in the same build: a missing imported file, a message part naming
// an undefined element, a binding without a port type
assert log =~ /src\/main\/contracts\/missing-import\.wsdl:8(:\d+)? \[WSDL_MISSING_IMPORT\]/
assert log =~ /src\/main\/contracts\/undefined-element\.wsdl:12(:\d+)? \[WSDL_UNDEFINED_ELEMENT\]/
assert log =~ /src\/main\/contracts\/orphan-binding\.wsdl:20(:\d+)? \[WSDL_UNDEFINED_PORT_TYPE\]/
// A file of no known kind that no contract imports: its path and the kinds accepted.
assert log =~ /src\/main\/contracts\/extra\/ownership\.json \[CONTRACT_UNKNOWN_KIND\] a JSON or YAML document .*no contract imports it \(fix: iMCP reads WSDL 1\.1 .*OpenAPI 2\.0\/3\.0\/3\.1\/3\.2 .*MCP JSON/
assert !log.contains('\tat dev.imcp')
true
