// Runs after archetype:generate has written the project. The archetype jar does not carry file modes, so the
// wrapper script arrives without its executable bit and `./mvnw` would answer "Permission denied". And Maven's
// default excludes drop any .gitignore from an archetype, so the project's one travels as 'gitignore' and is
// renamed here.
//
// This script names no JDK class (no File, no Files) on purpose: maven-archetype-plugin 3.4.0 compiles it with
// Groovy 4.0.26, whose class reader cannot parse Java 25 class files, so naming one fails archetype:generate
// when Maven runs on Java 25. It runs chmod instead; where there is no chmod (Windows), mvnw.cmd needs no bit.
def project = [request.outputDirectory, request.artifactId].join('/')
def mvnw = project + '/mvnw'
try {
    def mv = ['mv', project + '/gitignore', project + '/.gitignore'].execute()
    mv.waitFor()
} catch (noMv) {
    println "[INFO] Rename gitignore to .gitignore in ${project}"
}
try {
    def chmod = ['chmod', '+x', mvnw].execute()
    def error = chmod.err.text.trim()
    if (chmod.waitFor() != 0) {
        println "[WARNING] Could not make ${mvnw} executable (${error}); run: chmod +x mvnw"
    }
} catch (noChmod) {
    println "[INFO] No chmod on this system; on Windows use mvnw.cmd"
}
