import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ContractReport;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.tools.common.ToolConstants;
import org.apache.cxf.tools.common.ToolContext;
import org.apache.cxf.tools.wsdlto.WSDLToJava;

/**
 * One run of {@code bench/generate-wsdl.sh} or {@code bench/generate-openapi.sh}.
 *
 * <pre>java -cp &lt;this&gt;:&lt;imcp-codegen class path&gt; GenerateBench imcp|cxf WSDL WORKDIR JAVAC_CLASSPATH
 * java -cp &lt;this&gt;:&lt;imcp-codegen class path&gt; GenerateBench generate CONTRACT WORKDIR
 * java -cp &lt;this&gt;:&lt;imcp-codegen class path&gt; GenerateBench javac WORKDIR JAVAC_CLASSPATH</pre>
 *
 * <p>{@code imcp|cxf} (generate-wsdl.sh) generates the Java sources of one WSDL, with iMCP or with Apache CXF's
 * wsdl2java alone, then compiles all of them with the JDK's javac, in this one JVM. {@code generate} and
 * {@code javac} (generate-openapi.sh) do one half each, so that each half's CPU time and peak memory can be
 * measured in a JVM of its own; {@code generate} prints
 * {@code generate=<ms> read=<ms> files=<java files> tools=<tools> listbytes=<bytes of tools/list> hwm=<KiB>}
 * and {@code javac} prints {@code javac=<ms> files=<java files> hwm=<KiB>}.
 *
 * <p>Both generators run in-process the way their Maven plugins do, and javac runs in-process the way
 * maven-compiler-plugin does, so a run is one JVM start, one generation and one compilation, with no Maven
 * in it. {@code cxf} is given exactly the options and the generator selection (SEIs, JAXB types, faults) that
 * iMCP's {@code CxfCodegen} uses, so its output is the CXF part of iMCP's output and the difference between
 * the two runs is iMCP's own cost; the script warns when {@code CxfCodegen}'s options and these drift apart.
 * WORKDIR must not exist or be empty.
 *
 * <p>Prints one line on standard output, times in milliseconds, for the script to read:
 * {@code generate=<ms> read=<ms> javac=<ms> files=<java files compiled> tools=<tools, or 0 for cxf> hwm=<KiB>},
 * where {@code read} is iMCP's reading of the contract (CXF included), {@code generate - read} its writing and
 * {@code hwm} the peak resident set size up to that point.
 * Exits with 1 and the compiler's or generator's message on standard error when either fails.
 */
public final class GenerateBench {

    /** iMCP's {@code -b}: JAX-WS wrapper style off, as in {@code CxfCodegen}. */
    private static final String NO_WRAPPER_STYLE = """
            <jaxws:bindings xmlns:jaxws="https://jakarta.ee/xml/ns/jaxws">
              <jaxws:enableWrapperStyle>false</jaxws:enableWrapperStyle>
            </jaxws:bindings>
            """;

    private static final String PACKAGE = "dev.imcp.bench";

    private GenerateBench() {
    }

    /**
     * Runs one generation and compilation.
     *
     * @param args {@code imcp|cxf WSDL WORKDIR JAVAC_CLASSPATH}
     * @throws Exception when the generator fails in a way it does not report itself
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("generate")) {
            generateOnly(Path.of(args[1]).toAbsolutePath().normalize(), Path.of(args[2]).toAbsolutePath().normalize());
            return;
        }
        if (args.length == 3 && args[0].equals("javac")) {
            Path work = Path.of(args[1]).toAbsolutePath().normalize();
            long t0 = System.nanoTime();
            int files = javac(work.resolve("src"), work.resolve("classes"), args[2]);
            System.out.printf("javac=%d files=%d hwm=%d%n", (System.nanoTime() - t0) / 1_000_000, files, peakRssKib());
            return;
        }
        if (args.length != 4 || !List.of("imcp", "cxf").contains(args[0])) {
            System.err.println("usage: GenerateBench imcp|cxf WSDL WORKDIR JAVAC_CLASSPATH | generate CONTRACT WORKDIR"
                    + " | javac WORKDIR JAVAC_CLASSPATH");
            System.exit(2);
        }
        Path wsdl = Path.of(args[1]).toAbsolutePath().normalize();
        Path work = Path.of(args[2]).toAbsolutePath().normalize();
        Path sources = work.resolve("src");
        Files.createDirectories(sources);

        long t0 = System.nanoTime();
        long read;
        int tools;
        if (args[0].equals("imcp")) {
            GenerationResult result = new ImcpGenerator().generate(new CodegenRequest(List.of(wsdl),
                    wsdl.getParent(), sources, work.resolve("resources"), PACKAGE));
            read = result.reports().stream().mapToLong(ContractReport::millis).sum();
            tools = result.reports().stream().mapToInt(ContractReport::tools).sum();
        } else {
            cxf(wsdl, work, sources);
            read = 0;
            tools = 0;
        }
        long t1 = System.nanoTime();
        int files = javac(sources, work.resolve("classes"), args[3]);
        long t2 = System.nanoTime();
        System.out.printf("generate=%d read=%d javac=%d files=%d tools=%d hwm=%d%n",
                (t1 - t0) / 1_000_000, read, (t2 - t1) / 1_000_000, files, tools, peakRssKib());
    }

    /** iMCP alone on any contract: its sources under WORKDIR/src, its resources under WORKDIR/resources. */
    private static void generateOnly(Path contract, Path work) throws Exception {
        Path sources = work.resolve("src");
        Files.createDirectories(sources);
        long t0 = System.nanoTime();
        GenerationResult result = new ImcpGenerator().generate(new CodegenRequest(List.of(contract),
                contract.getParent(), sources, work.resolve("resources"), PACKAGE));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long files;
        try (Stream<Path> all = Files.walk(sources)) {
            files = all.filter(p -> p.toString().endsWith(".java")).count();
        }
        System.out.printf("generate=%d read=%d files=%d tools=%d listbytes=%d hwm=%d%n", millis,
                result.reports().stream().mapToLong(ContractReport::millis).sum(), files,
                result.reports().stream().mapToInt(ContractReport::tools).sum(),
                toolsListBytes(work.resolve("resources/META-INF/imcp/tools.json")), peakRssKib());
    }

    /**
     * The size of the {@code tools/list} result's {@code tools} array as the runtime sends it, compact JSON:
     * the entries of {@code tools.json} without the iMCP-only {@code service} key and empty annotations.
     */
    private static long toolsListBytes(Path toolsJson) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode tools = json.readTree(toolsJson.toFile()).get("tools");
        for (com.fasterxml.jackson.databind.JsonNode tool : tools) {
            com.fasterxml.jackson.databind.node.ObjectNode entry = (com.fasterxml.jackson.databind.node.ObjectNode) tool;
            entry.remove("service");
            if (entry.path("annotations").isEmpty()) {
                entry.remove("annotations");
            }
        }
        return json.writeValueAsBytes(tools).length;
    }

    /** The peak resident set size so far ({@code VmHWM}, KiB), for systems without GNU time; 0 when unknown. */
    private static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the script then shows no memory figure
        }
        return 0;
    }

    /** wsdl2java with iMCP's command line and generator selection (see {@code CxfCodegen.generate}). */
    private static void cxf(Path wsdl, Path work, Path sources) throws Exception {
        Path binding = work.resolve("no-wrapper-style.xml");
        Files.writeString(binding, NO_WRAPPER_STYLE, StandardCharsets.UTF_8);
        String[] args = {
            "-d", sources.toString(),
            "-p", PACKAGE + ".soap",
            "-b", binding.toUri().toString(),
            "-encoding", "UTF-8",
            "-suppress-generated-date",
            "-noAddressBinding",
            "-autoNameResolution",
            "-q",
            wsdl.toUri().toString(),
        };
        ToolContext context = new ToolContext();
        context.put(ToolConstants.CFG_GEN_SEI, "true");
        context.put(ToolConstants.CFG_GEN_TYPES, "true");
        context.put(ToolConstants.CFG_GEN_FAULT, "true");
        Bus bus = BusFactory.newInstance().createBus();
        BusFactory.setThreadDefaultBus(bus);
        try {
            new WSDLToJava(args).run(context, new ByteArrayOutputStream());
        } finally {
            bus.shutdown(true);
        }
    }

    /** Compiles every {@code .java} file under {@code sources}; returns how many there were. */
    private static int javac(Path sources, Path classes, String classpath) throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath,
                "-encoding", "UTF-8", "--release", "21", "-proc:none", "-nowarn", "-Xlint:none"));
        int files;
        try (Stream<Path> all = Files.walk(sources)) {
            List<String> java = all.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
            files = java.size();
            args.addAll(java);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            System.err.println("javac failed on the sources under " + sources);
            System.exit(1);
        }
        return files;
    }
}
