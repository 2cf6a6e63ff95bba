// Two contracts were found among ten files, their tools compiled, and the second build generated nothing.
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 2 : 'both builds pass'
assert !log.contains('CONTRACT_UNKNOWN_KIND')
assert log =~ /src\/main\/contracts\/hello\/hello_world_services\.wsdl: 3 operations -> 3 tools, 0 skipped, \d+\.\d s/
assert log =~ /src\/main\/contracts\/orders\/orders\.yaml: 2 operations -> 2 tools, 0 skipped, \d+\.\d s/
assert log.contains('iMCP: 2 contract(s)')
assert log.contains('iMCP: contracts and configuration unchanged, nothing to generate')

def gen = new File(basedir, 'target/generated-sources/imcp/com/example/found')
assert new File(gen, 'hello_world_services').isDirectory()
assert new File(gen, 'orders').isDirectory()
assert !new File(gen, 'order').exists() : 'a $ref-ed schema file is not a contract'
assert !new File(gen, 'hello_world_types').exists() : 'an imported XSD is not a contract'
assert new File(basedir, 'target/classes/META-INF/imcp/adapter.json').text.contains('"name": "discovery"')
def tools = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/classes/META-INF/imcp/tools.json')).tools
assert (tools*.name as Set).containsAll(['greetMe', 'sayHi', 'getOrder', 'placeOrder'])
def placeOrder = tools.find { it.name == 'placeOrder' }
assert placeOrder.inputSchema.toString().contains('sku') : 'the body schema came from schemas/order.yaml'
true
