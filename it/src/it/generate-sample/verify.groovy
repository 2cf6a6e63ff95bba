// The generated sources exist and compiled, and tools.json lists the tools of all three contracts.
def gen = new File(basedir, 'target/generated-sources/imcp/com/example/adapter')
assert new File(gen, 'petstore/ShowPetByIdTool.java').isFile()
assert new File(gen, 'adoptions/QuoteAdoptionTool.java').isFile()
assert new File(gen, 'hello_world/GreetMeTool.java').isFile()
assert new File(basedir, 'target/classes/com/example/adapter/hello_world/GreetMeTool.class').isFile()
assert new File(basedir, 'target/classes/com/example/adapter/petstore/ShowPetByIdTool.class').isFile()

def tools = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/classes/META-INF/imcp/tools.json')).tools
def names = tools*.name as Set
assert names.containsAll(['greetMe', 'sayHi', 'testDocLitBare', 'listPets', 'createPets', 'showPetById',
                          'quoteAdoption', 'requestAdoption'])
def showPet = tools.find { it.name == 'showPetById' }
assert showPet.inputSchema.required == ['petId']
assert showPet.outputSchema.properties.name.type == 'string'
def quote = tools.find { it.name == 'quoteAdoption' }
assert quote.inputSchema.properties.plan.default == 'basic'

// The tool catalog is packaged and copied to target/imcp, where the no-op second build left it.
def catalog = new File(basedir, 'target/imcp/catalog.html')
assert catalog.isFile()
assert catalog.bytes == new File(basedir, 'target/classes/META-INF/imcp/catalog.html').bytes
assert catalog.text.contains('"name":"showPetById"')
assert !(catalog.text =~ /(?i)(src|href)=["']?https?:/)

def services = new File(basedir, 'target/classes/META-INF/services/dev.imcp.runtime.spi.ToolProvider').readLines()
assert services.size() == 3
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 2
// One line per contract in the first build; the second build is a no-op.
assert log =~ /petstore\.yaml: 3 operations -> 3 tools, 0 skipped, \d+\.\d s/
assert log =~ /adoptions\.mcp\.json: 2 operations -> 2 tools, 0 skipped, \d+\.\d s/
assert log =~ /hello_world\.wsdl: \d+ operations -> \d+ tools, \d+ skipped/
assert log.contains('iMCP: contracts and configuration unchanged, nothing to generate')
assert !log.contains('[WARNING] COMPILATION WARNING')
true
