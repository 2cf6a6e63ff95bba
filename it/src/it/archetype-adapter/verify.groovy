// The archetype's project stands on its own: it is built here as its README says, with the Maven
// Wrapper it ships (./mvnw verify), so its pinned plugins, its enforcer rules and its own test (the adapter
// in-process behind a stand-in upstream, driven by the MCP Java SDK client) all run under the wrapper's Maven.
// Artifacts come from this IT's local repository and the invoker's settings (local.central, then Central).
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile

def project = new File(basedir, 'generated/my-adapter')
def mvnw = new File(project, 'mvnw')
assert mvnw.canExecute() : 'archetype-post-generate.groovy did not give mvnw its executable bit'
assert new File(project, 'mvnw.cmd').isFile()
assert new File(project, '.gitignore').text.contains('target/') : 'the project ignores its build output'
assert !new File(project, 'gitignore').exists()
assert new File(project, '.mvn/wrapper/maven-wrapper.properties').text.contains('apache-maven-3.9.11-bin.zip')
def test = new File(project, 'src/test/java/com/example/adapter/AdapterTest.java')
assert test.text.startsWith('package com.example.adapter;')
assert !new File(project, 'pom.xml').text.contains('<parent>') : 'the generated project must not need a parent POM'

// maven-invoker-plugin writes the interpolated it/src/it/settings.xml next to the cloned ITs (cloneProjectsTo).
def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "no invoker settings at ${settings}"

def log = new File(basedir, 'wrapper-build.log')
def command = [mvnw.absolutePath, '-V', '-B', '-ntp', '-s', settings.absolutePath,
               "-Dmaven.repo.local=${localRepositoryPath}".toString(), 'verify']
def process = new ProcessBuilder(command).directory(project).redirectErrorStream(true).redirectOutput(log).start()
// Generous: on a fresh machine this build may still download what the outer build did not need.
if (!process.waitFor(300, TimeUnit.SECONDS)) {
    process.descendants().forEach { it.destroyForcibly() }
    process.destroyForcibly()
    assert false : "./mvnw verify did not finish within 300 s; see ${log}"
}
def output = log.text
def tail = output.readLines().takeRight(80).join('\n')
assert process.exitValue() == 0 : "./mvnw verify failed with exit code ${process.exitValue()}; end of ${log}:\n${tail}"

// The wrapper's Maven ran the build, with the enforcer rules and the pinned plugins.
assert output.contains('Apache Maven 3.9.11') : tail
assert output.contains('--- enforcer:3.6.1:enforce (enforce-build-environment) @ my-adapter ---') : tail
assert output.contains('--- surefire:3.5.3:test (default-test) @ my-adapter ---') : tail
assert output.contains('--- shade:3.6.0:shade (default) @ my-adapter ---') : tail

// imcp:check ran in verify; without a lockfile yet it passes, says how to make one and still writes the changelog.
assert output =~ /--- imcp:[^:]+:check \(default\) @ my-adapter ---/ : tail
assert output.contains('[WARNING] iMCP: no lockfile (src/main/contracts/imcp.lock.json), so contract changes are not checked; run mvn imcp:lock') : tail
assert new File(project, 'target/imcp/changes.md').text.contains('No lockfile at `src/main/contracts/imcp.lock.json`: all 1 tool(s) of 1 contract(s) are new')

// Every test of AdapterTest ran and passed.
def tests = (test.text =~ /(?m)^\s*@Test\s*$/).size()
assert tests >= 4 : "AdapterTest has only ${tests} tests"
def summaries = output.readLines().findAll { it ==~ /\[INFO\] Tests run: \d+, Failures: \d+, Errors: \d+, Skipped: \d+\s*/ }
assert summaries == ["[INFO] Tests run: ${tests}, Failures: 0, Errors: 0, Skipped: 0".toString()] : summaries

// The fat jar serves the tool generated from the example contract.
def jar = new File(project, 'target/my-adapter.jar')
assert jar.isFile()
def entries = new ZipFile(jar).withCloseable { z -> z.entries().collect { it.name } }
assert entries.contains('dev/imcp/runtime/ImcpServer.class')
assert entries.contains('com/example/adapter/example/GetStatusTool.class')
assert entries.contains('META-INF/imcp/tools.json')
assert entries.contains('logging.properties') : 'the project ships the quiet start-up logging configuration'
assert entries.contains('META-INF/services/dev.imcp.runtime.spi.ToolProvider')
assert !entries.contains('com/example/adapter/AdapterTest.class')

// The manifest names the contract with the SHA-256 of its bytes; the project's entries have the pom's outputTimestamp.
def contract = new File(project, 'src/main/contracts/example.mcp.json')
def hash = java.security.MessageDigest.getInstance('SHA-256').digest(contract.bytes).encodeHex().toString()
def manifest = new java.util.jar.JarFile(jar).withCloseable { it.manifest.mainAttributes }
assert manifest.getValue('Imcp-Contracts') == "example sha256:${hash} src/main/contracts/example.mcp.json".toString()
assert new File(project, 'pom.xml').text.contains('<project.build.outputTimestamp>')
// (The project's own entries: shade copies the dependencies' entries with the times their jars hold.)
def stamp = new ZipFile(jar).withCloseable { z -> z.entries().findAll { it.name.startsWith('com/example/')
        || it.name.startsWith('META-INF/imcp/') }.collect { it.lastModifiedTime.toInstant() } as Set }
assert stamp.size() == 1 : "the project's entries have several times: ${stamp.take(5)}"
true
