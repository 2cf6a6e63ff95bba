// An explicit tool name that is invalid or used twice fails the build at the operation, file:line [CODE];
// a contract with nothing to publish (webhooks only) is a warning, not one of the errors.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /\[ERROR\] src\/main\/contracts\/names\.yaml:5:5 \[TOOL_NAME_INVALID\] \/paths\/~1a\/get: x-mcp-name 'my tool' is not a valid tool name/
assert log =~ /\[ERROR\] src\/main\/contracts\/names\.yaml:13:5 \[TOOL_NAME_DUPLICATE\] \/paths\/~1c\/get: tool name 'same' \(x-mcp-name\) is already used at src\/main\/contracts\/names\.yaml:9:5/
assert log =~ /\[WARNING\] src\/main\/contracts\/hooks\.yaml(:\d+)?(:\d+)? \[OPENAPI_NO_OPERATIONS\]/
assert log.contains('2 contract error(s)')
assert !log.contains('ADAPTER_NO_TOOLS')
assert !log.contains('\tat dev.imcp')
true
