// imcp:lock, then imcp:check on compatible and breaking contract changes of every kind (WSDL, OpenAPI, MCP JSON).
def read = { String path -> new File(basedir, path).text }

// 1. the lockfile: the v1 surface, each tool as tools/list publishes it, with each contract's sha-256
def lock = new groovy.json.JsonSlurper().parse(new File(basedir, 'imcp.lock.json'))
assert lock.lockfileVersion == 1 && lock.projectVersion == '1.0.0' && lock.generatedBy.startsWith('iMCP ')
assert lock.services.keySet() == ['notes', 'orders', 'shop', 'stock'] as Set
assert lock.services.shop.contract == 'contracts/v1/shop.yaml'
assert lock.services.shop.sha256 ==~ /[0-9a-f]{64}/
assert lock.services.shop.tools*.name == ['deleteProduct', 'getProduct', 'listProducts']
assert lock.services.stock.tools*.name == ['GetLevel', 'Reserve']
assert !lock.services.shop.tools[0].containsKey('service')

// 2. compatible: the build passed; the changelog lists each change with its rule
def v2 = read('target/v2/imcp/changes.md')
assert v2.contains('**0 breaking**')
assert v2.contains('| `GetLevel` | `/inputSchema/properties/includeReserved` | new optional argument includeReserved | `argument-added` |')
assert v2.contains('| `listProducts` | `/inputSchema/properties/category` | new optional argument category | `argument-added` |')
assert v2.contains('| `listProducts` | `/inputSchema/properties/limit/maximum` | maximum 100 -> 200 | `bounds-loosened` |')
assert v2.contains('| `placeOrder` | `/inputSchema/properties/speed/enum` | values added: "overnight" | `enum-widened` |')
assert v2.contains('| `placeOrder` | `/description` | description changed | `description-changed` |')
assert v2.contains('| `getProduct` | `/description` | description changed | `description-changed` |')
assert v2.contains('contract contracts/v2-compatible/shop.yaml changed (sha256 ')

// 3. breaking: the build failed, listing each breaking change by tool, pointer and rule
def v3 = read('target/v3/imcp/changes.md')
assert v3.contains('fail the build')
assert v3.contains('| contract `notes` |  | contract contracts/v1/notes.mcp.json is no longer in the project; its 1 tool(s) are gone: addNote | `contract-removed` |')
assert v3.contains('| `addNote` |  | tool removed | `tool-removed` |')
assert v3.contains('| `deleteProduct` |  | tool removed | `tool-removed` |')
assert v3.contains('| `listProducts` | `/inputSchema/properties/region` | new required argument region | `required-argument-added` |')
assert v3.contains('| `GetLevel` | `/inputSchema/required` | argument warehouse is now required | `argument-now-required` |')
assert v3.contains('| `placeOrder` | `/inputSchema/properties/speed/enum` | values removed: "express" | `enum-narrowed` |')
def log = read('build.log')
assert log.contains('[ERROR] BREAKING listProducts /inputSchema/properties/region: new required argument region [required-argument-added]')
assert log.contains('[ERROR] BREAKING contract notes: contract contracts/v1/notes.mcp.json is no longer in the project')

// 4. accepted with -Dimcp.acceptBreaking, 5. accepted by the new major version
assert read('target/v3-accepted/imcp/changes.md').contains('accepted (-Dimcp.acceptBreaking)')
assert read('target/v3-major/imcp/changes.md').contains('accepted (major version 1.0.0 -> 2.0.0)')
assert new File(basedir, 'target/v3-major/classes/META-INF/imcp/tools.json').isFile()
true
