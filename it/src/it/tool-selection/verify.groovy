// Selection and names from the pom: what is left out is counted and noted, every rename is in the log at
// file:line with its code, and tools.json publishes the configured names and hints.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /src\/main\/contracts\/pets\.yaml: 6 operations -> 3 tools, 0 skipped, 3 excluded, \d+\.\d s/
assert log =~ /src\/main\/contracts\/catalog\.mcp\.json: 1 operation -> 1 tool, 0 skipped, \d+\.\d s/
assert log =~ /\[INFO\]   src\/main\/contracts\/pets\.yaml:6:5 \[TOOL_NAME_SANITIZED\] \/paths\/~1pets\/get: operationId 'list pets' is not a valid MCP tool name/
assert log =~ /\[INFO\]   src\/main\/contracts\/pets\.yaml:23:5 \[OPERATION_EXCLUDED\] .*'deletePet' \(DELETE \/pets\/\{petId\}\) is not published: it matches <excludeOperations> 'method:DELETE'/
assert log =~ /\[INFO\]   src\/main\/contracts\/pets\.yaml:28:5 \[OPERATION_EXCLUDED\] .*'getInventory' .* it matches no selector of <includeOperations>/
assert log =~ /\[INFO\]   src\/main\/contracts\/pets\.yaml:33:5 \[OPERATION_EXCLUDED\] .*'health' .* the operation says x-mcp: false/
assert log =~ /\[WARNING\]   src\/main\/contracts\/catalog\.mcp\.json:4:5 \[TOOL_NAME_SHORTENED\] \/tools\/0: tool name 'list_every_product_of_the_catalog_with_prices_and_stock' makes a tool name of 55 characters, more than the limit of 40; published as 'list_every_product_of_the_catal_[0-9a-f]{8}'/

def tools = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/classes/META-INF/imcp/tools.json')).tools
def names = tools*.name as Set
assert names.size() == 4
assert names.containsAll(['list_pets', 'post_pets_search', 'get_pet'])
assert names.any { it ==~ /list_every_product_of_the_catal_[0-9a-f]{8}/ }
def list = tools.find { it.name == 'list_pets' }
assert list.title == 'List pets'
assert list.description == 'List pets\n\nEvery pet the caller may see.'
def search = tools.find { it.name == 'post_pets_search' }
assert search.annotations == [destructiveHint: false, idempotentHint: false, openWorldHint: true, readOnlyHint: true]
assert tools.find { it.name == 'get_pet' }.annotations == [openWorldHint: true, readOnlyHint: true]
assert new File(basedir, 'target/classes/com/example/adapter/pets/GetPetTool.class').isFile()
assert !log.contains('[WARNING] COMPILATION WARNING')
true
