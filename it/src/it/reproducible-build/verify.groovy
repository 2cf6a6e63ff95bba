// Two clean builds of the same sources (and an up-to-date rebuild of the first) give byte-identical fat jars,
// and the manifest names each contract with the SHA-256 of its bytes.
import java.security.MessageDigest
import java.util.jar.JarFile
import java.util.zip.ZipFile

def sha256(File f) {
    def md = MessageDigest.getInstance('SHA-256')
    f.withInputStream { s -> byte[] b = new byte[65536]; int n; while ((n = s.read(b)) > 0) { md.update(b, 0, n) } }
    md.digest().encodeHex().toString()
}

def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 3 : 'three builds'
assert log.contains('iMCP: contracts and configuration unchanged, nothing to generate') : 'the third build is up to date'

def first = new File(basedir, 'target-first/reproducible-build.jar')
def second = new File(basedir, 'target-second/reproducible-build.jar')
assert first.isFile() && second.isFile()
if (sha256(first) != sha256(second)) {
    // Say which entries differ, so the cause (a timestamp, an order, generated text) can be found.
    def entries = { File jar -> new ZipFile(jar).withCloseable { z -> z.entries().collectEntries { e ->
        [(e.name): "${e.crc} ${e.time} ${e.size}".toString()] } } }
    def a = entries(first), b = entries(second)
    def differing = (a.keySet() + b.keySet()).findAll { a[it] != b[it] }.take(20)
    assert false : "the two builds' jars differ: ${sha256(first)} vs ${sha256(second)}; entries: ${differing}; " +
            "order the same: ${a.keySet().toList() == b.keySet().toList()}"
}

// The project's own entries carry project.build.outputTimestamp, not the build's time (ZIP times are local: allow
// for the zone); shade copies the dependencies' entries with the times their jars hold.
def stamp = java.time.Instant.parse('2026-01-01T00:00:00Z')
new ZipFile(second).withCloseable { z ->
    def own = z.entries().findAll { it.name.startsWith('com/example/') || it.name.startsWith('META-INF/imcp/')
            || it.name == 'META-INF/MANIFEST.MF' }
    assert own.size() > 10
    def times = own.collect { it.lastModifiedTime.toInstant() } as Set
    assert times.size() == 1 : "the project's entries have several times: ${times.take(5)}"
    def skew = java.time.Duration.between(stamp, times.first()).abs()
    assert skew <= java.time.Duration.ofHours(14) : "entries at ${times.first()}, not the outputTimestamp ${stamp}"
}

// The manifest names each contract: <service> sha256:<hex> <file>, sorted by service id, the hash of the file's bytes.
def header = new JarFile(second).withCloseable { it.manifest.mainAttributes.getValue('Imcp-Contracts') }
assert header != null && !header.contains('${') : "Imcp-Contracts: ${header}"
def entries = header.split(', ').collect { it.split(' ', 3) }
assert entries*.getAt(0) == ['adoptions', 'hello_world', 'petstore'] : header
entries.each { e ->
    assert e[1] ==~ /sha256:[0-9a-f]{64}/ : header
    def file = new File(e[2])
    assert file.isFile() : "the manifest names ${e[2]}, which is not a file"
    assert e[1] == 'sha256:' + sha256(file) : "${e[0]}: manifest ${e[1]}, file ${sha256(file)}"
}
def upToDate = new JarFile(first).withCloseable { it.manifest.mainAttributes.getValue('Imcp-Contracts') }
assert upToDate == header : 'an up-to-date build names the contracts too'

// adapter.json in the jar holds the same hashes (the runtime's descriptors are generated from the same model).
def adapter = new ZipFile(second).withCloseable { z ->
    new groovy.json.JsonSlurper().parse(z.getInputStream(z.getEntry('META-INF/imcp/adapter.json'))) }
entries.each { e -> assert 'sha256:' + adapter.contracts[e[0]].sha256 == e[1] }
true
