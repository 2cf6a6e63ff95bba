import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ContractReport;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The launcher of {@code bench/sweep.sh}: runs iMCP's generator, the way the Maven plugin does, on each contract of
 * a list, one contract per adapter, and optionally compiles what it wrote with the JDK's javac against
 * imcp-runtime, the way maven-compiler-plugin does; all in this one JVM.
 *
 * <pre>java -cp &lt;this&gt;:&lt;imcp-codegen class path&gt; Sweep LIST WORKDIR [JAVAC_CLASSPATH]</pre>
 *
 * <p>LIST holds one absolute contract path per line. Prints one tab-separated line per contract, as it finishes:
 * {@code outcome  millis  operations  tools  skipped  warnings  path  detail}, where outcome is
 * <ul>
 *   <li>{@code ok}: generated (and compiled, with a class path); detail is the warnings by code, {@code CODE=n,...};
 *   <li>{@code contract}: the build fails with the contract's own errors, {@code file:line [CODE]}: detail is the
 *       error codes (a contract without any operation is {@code ADAPTER_NO_TOOLS}) and the first error in full;
 *   <li>{@code javac}: the generated sources do not compile, a generator bug: detail is the first errors;
 *   <li>{@code crash}: the generator threw, a generator bug (or the JVM ran out of memory): detail is the
 *       exception and the top of its stack.
 * </ul>
 * WORKDIR is emptied between contracts.
 */
public final class Sweep {

    private Sweep() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> contracts = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).map(Path::of)
                .toList();
        Path work = Path.of(args[1]);
        String classPath = args.length > 2 ? args[2] : null;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (Path contract : contracts) {
            delete(work);
            long t0 = System.nanoTime();
            String outcome;
            String detail;
            int operations = 0;
            int tools = 0;
            int skipped = 0;
            int warnings = 0;
            try {
                GenerationResult result = new ImcpGenerator().generate(new CodegenRequest(List.of(contract),
                        contract.getParent(), work.resolve("src"), work.resolve("resources"), "sweep.gen"));
                operations = result.reports().stream().mapToInt(ContractReport::operations).sum();
                tools = result.reports().stream().mapToInt(ContractReport::tools).sum();
                skipped = result.reports().stream().mapToInt(ContractReport::skippedTotal).sum();
                warnings = result.warnings().size();
                outcome = "ok";
                detail = codes(result.warnings());
                if (classPath != null) {
                    String errors = compile(javac, work, classPath);
                    if (errors != null) {
                        outcome = "javac";
                        detail = errors;
                    }
                }
            } catch (ContractException e) {
                outcome = "contract";
                List<Diagnostic> errors = e.diagnostics().stream()
                        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
                detail = codes(errors) + (errors.isEmpty() ? "" : " (first: " + errors.getFirst() + ")");
            } catch (Exception | Error e) {
                outcome = "crash";
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                detail = trace.toString().lines().limit(5).map(String::strip).collect(Collectors.joining(" <- "));
            }
            System.out.println(String.join("\t", outcome, Long.toString((System.nanoTime() - t0) / 1_000_000),
                    Integer.toString(operations), Integer.toString(tools), Integer.toString(skipped),
                    Integer.toString(warnings), contract.toString(), detail.replace('\t', ' ').replace('\n', ' ')));
            System.out.flush();
        }
        delete(work);
    }

    /** Returns {@code CODE=n} per code, sorted by code, comma-separated. */
    private static String codes(List<Diagnostic> diagnostics) {
        Map<String, Integer> byCode = new TreeMap<>();
        diagnostics.forEach(d -> byCode.merge(d.code(), 1, Integer::sum));
        return byCode.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Compiles every generated source; returns {@code null}, or the first three errors when javac fails. */
    private static String compile(JavaCompiler javac, Path work, String classPath) throws IOException {
        List<Path> sources = new ArrayList<>();
        if (Files.isDirectory(work.resolve("src"))) {
            try (Stream<Path> all = Files.walk(work.resolve("src"))) {
                all.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        if (sources.isEmpty()) {
            return null;
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        DiagnosticCollector<JavaFileObject> found = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(found, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, found, List.of("--release", "21", "-proc:none", "-nowarn",
                    "-classpath", classPath, "-d", classes.toString()), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (ok) {
                return null;
            }
        }
        return found.getDiagnostics().stream().filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).limit(3)
                .map(d -> (d.getSource() == null ? "" : Path.of(d.getSource().getName()).getFileName() + ":"
                        + d.getLineNumber() + " ") + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining(" | "));
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
