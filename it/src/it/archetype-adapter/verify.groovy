// The archetype's project generates its tool from the example contract and packages a fat jar.
def project = new File(basedir, 'my-adapter')
assert new File(project, 'src/main/contracts/example.mcp.json').isFile()
assert new File(project, 'target/generated-sources/imcp/com/example/adapter/example/GetStatusTool.java').isFile()
def jar = new File(project, 'target/my-adapter.jar')
assert jar.isFile()
def entries = new java.util.zip.ZipFile(jar).withCloseable { z -> z.entries().collect { it.name } }
assert entries.contains('dev/imcp/runtime/ImcpServer.class')
assert entries.contains('META-INF/imcp/tools.json')
true
