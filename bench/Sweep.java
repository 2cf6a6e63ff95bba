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
 *       exception and the top of its stack;
 *   <li>{@code serve} (with {@code IMCP_SWEEP_SERVE=1}, {@code bench/sweep.sh --serve}): the compiled adapter did not
 *       start, or its {@code tools/list} did not hold every tool with input and output schemas of
 *       {@code "type": "object"}: detail says what.
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
                    } else if (SERVE && tools > 0) {
                        String problem = serve(work, tools);
                        if (problem != null) {
                            outcome = "serve";
                            detail = problem;
                        }
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

    /** Whether to start each compiled adapter and ask it for its tools ({@code bench/sweep.sh --serve}). */
    private static final boolean SERVE = "1".equals(System.getenv("IMCP_SWEEP_SERVE"));

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Starts the compiled adapter in {@code work} as an MCP server on 127.0.0.1 (every service's URL a closed local
     * port: nothing is called) and asks it {@code initialize} and {@code tools/list} over Streamable HTTP; returns
     * {@code null} when the list holds {@code tools} tools, each with an object input schema, else what was wrong.
     */
    private static String serve(Path work, int tools) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {
                work.resolve("classes").toUri().toURL(), work.resolve("resources").toUri().toURL()},
                Sweep.class.getClassLoader())) {
            thread.setContextClassLoader(loader); // CXF finds the generated classes there
            List<dev.imcp.runtime.spi.ToolProvider> providers = new ArrayList<>();
            java.util.ServiceLoader.load(dev.imcp.runtime.spi.ToolProvider.class, loader).forEach(providers::add);
            StringBuilder yaml = new StringBuilder("server: {port: 0, host: 127.0.0.1}\nimcp:\n  services:\n");
            for (dev.imcp.runtime.spi.ToolProvider p : providers) {
                yaml.append("    ").append(p.service().id()).append(": {url: \"http://127.0.0.1:9\"}\n");
            }
            io.helidon.config.Config config = io.helidon.config.Config.builder()
                    .disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                    .sources(io.helidon.config.ConfigSources.create(yaml.toString(),
                            io.helidon.common.media.type.MediaTypes.APPLICATION_X_YAML))
                    .build();
            dev.imcp.runtime.ImcpServer server = dev.imcp.runtime.ImcpServer.start(config, providers);
            try {
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                java.net.URI mcp = java.net.URI.create("http://127.0.0.1:" + server.port() + "/mcp");
                java.net.http.HttpResponse<String> init = http.send(post(mcp, null, """
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                        "capabilities":{},"clientInfo":{"name":"sweep","version":"1"}}}"""),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                String session = init.headers().firstValue("Mcp-Session-Id").orElse(null);
                if (init.statusCode() != 200 || session == null) {
                    return "initialize answered " + init.statusCode() + ": " + init.body();
                }
                java.net.http.HttpResponse<String> list = http.send(post(mcp, session,
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                com.fasterxml.jackson.databind.JsonNode listed = JSON.readTree(list.body()).path("result").path("tools");
                if (list.statusCode() != 200 || listed.size() != tools) {
                    return "tools/list answered " + list.statusCode() + " with " + listed.size() + " of " + tools
                            + " tools: " + list.body().substring(0, Math.min(300, list.body().length()));
                }
                for (com.fasterxml.jackson.databind.JsonNode tool : listed) {
                    // MCP's Tool: inputSchema and outputSchema are of "type": "object", exactly
                    if (!"object".equals(tool.path("inputSchema").path("type").textValue())) {
                        return "tool " + tool.path("name").asText() + "'s inputSchema is of type "
                                + tool.path("inputSchema").path("type") + ", not \"object\"";
                    }
                    if (tool.has("outputSchema") && !"object".equals(tool.path("outputSchema").path("type").textValue())) {
                        return "tool " + tool.path("name").asText() + "'s outputSchema is of type "
                                + tool.path("outputSchema").path("type") + ", not \"object\"";
                    }
                }
                return null;
            } finally {
                server.close();
            }
        } catch (Exception | Error e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return trace.toString().lines().limit(4).map(String::strip).collect(Collectors.joining(" <- "));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static java.net.http.HttpRequest post(java.net.URI mcp, String session, String body) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(mcp)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        return request.build();
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
