package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.common.xmlschema.SchemaCollection;
import org.apache.cxf.tools.common.ToolConstants;
import org.apache.cxf.tools.common.ToolContext;
import org.apache.cxf.tools.common.ToolErrorListener;
import org.apache.cxf.tools.common.model.JavaInterface;
import org.apache.cxf.tools.common.model.JavaModel;
import org.apache.cxf.tools.wsdlto.WSDLToJava;
import org.apache.cxf.tools.wsdlto.core.DataBindingProfile;
import org.apache.cxf.tools.wsdlto.frontend.jaxws.processor.WSDLToJavaProcessor;

/**
 * Runs Apache CXF's wsdl2java in-process, the way {@code cxf-codegen-plugin} does without forking.
 *
 * <p>Only the SEIs, the JAXB types and the fault exceptions are generated (no {@code Service} class, so
 * no absolute WSDL path lands in the sources), with JAX-WS wrapper style off (every SEI method takes and
 * returns the message part's type) and without dates. CXF writes into a scratch directory, which is read
 * back into memory and deleted: reading a contract writes nothing to the build's output (the writers do,
 * after validation).
 */
final class CxfCodegen {

    /** The JAX-WS customization that turns wrapper style off for the whole WSDL. */
    private static final String NO_WRAPPER_STYLE = """
            <jaxws:bindings xmlns:jaxws="https://jakarta.ee/xml/ns/jaxws">
              <jaxws:enableWrapperStyle>false</jaxws:enableWrapperStyle>
            </jaxws:bindings>
            """;

    /**
     * One error CXF or XJC reported.
     *
     * @param file the file it names (a URI), or {@code null}
     * @param line the line, or a value below 1 when unknown
     * @param column the column, or a value below 1 when unknown
     * @param message what CXF said
     */
    record Problem(String file, int line, int column, String message) {
    }

    /**
     * What a run produced.
     *
     * @param interfaces the generated SEIs by port type QName; empty when the run failed
     * @param schemas the WSDL's schemas as CXF read them, or {@code null} when the run failed
     * @param dataBinding CXF's JAXB data binding, which names the Java class of a schema type or element
     * @param problems the errors; empty when the run succeeded
     * @param sources the generated Java sources, paths relative to the sources root, in path order; empty when
     *     the run failed
     */
    record Result(Map<QName, JavaInterface> interfaces, SchemaCollection schemas, DataBindingProfile dataBinding,
            List<Problem> problems, List<SourceFile> sources) {
    }

    /**
     * CXF's reference validator warns "WSDL document ... does not define any services" for a binding WSDL, which
     * iMCP publishes on purpose (WSDL_NO_ADDRESS says what to configure), and would name the temporary copy a retry
     * reads. Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
     */
    private static final java.util.logging.Logger REF_VALIDATOR =
            java.util.logging.Logger.getLogger("org.apache.cxf.tools.validator.internal.WSDLRefValidator");

    static {
        REF_VALIDATOR.setLevel(java.util.logging.Level.SEVERE);
    }

    private CxfCodegen() {
    }

    /**
     * Generates the SEIs and JAXB classes of {@code wsdl} in {@code javaPackage}, in memory.
     *
     * @param wsdl the WSDL file
     * @param javaPackage the package of every generated class
     * @return the Java model CXF built, the sources and any errors
     * @throws IOException when the scratch directory cannot be written or read
     */
    static Result generate(Path wsdl, String javaPackage) throws IOException {
        return generate(wsdl, javaPackage, Map.of());
    }

    /**
     * Like {@link #generate(Path, String)}, with the classes of the schema namespaces {@code packages} names in the
     * package it gives each (wsdl2java's {@code -p namespace=package}); the others in {@code javaPackage}.
     */
    static Result generate(Path wsdl, String javaPackage, Map<String, String> packages) throws IOException {
        Path scratch = Files.createTempDirectory("imcp-wsdl2java");
        try {
            return run(scratch, wsdl, javaPackage, packages);
        } finally {
            deleteTree(scratch); // whatever happened: nothing of a run stays in the temporary directory
        }
    }

    private static Result run(Path scratch, Path wsdl, String javaPackage, Map<String, String> packages)
            throws IOException {
        Path binding = scratch.resolve("no-wrapper-style.xml");
        Path out = scratch.resolve("src");
        Files.writeString(binding, NO_WRAPPER_STYLE, StandardCharsets.UTF_8);
        Files.createDirectories(out);
        List<String> arguments = new ArrayList<>(List.of(
            "-d", out.toString(),
            "-p", javaPackage));
        packages.forEach((namespace, pkg) -> arguments.addAll(List.of("-p", namespace + "=" + pkg)));
        arguments.addAll(List.of(
            "-b", binding.toUri().toString(),
            "-encoding", "UTF-8",
            "-suppress-generated-date",
            "-noAddressBinding",
            "-autoNameResolution",
            "-validate=none",
            "-q",
            wsdl.toUri().toString()));
        String[] args = arguments.toArray(String[]::new);
        List<Problem> problems = new ArrayList<>();
        ToolContext context = new ToolContext();
        context.put(ToolConstants.CFG_GEN_SEI, "true");
        context.put(ToolConstants.CFG_GEN_TYPES, "true");
        context.put(ToolConstants.CFG_GEN_FAULT, "true");
        context.setErrorListener(new ToolErrorListener() {
            @Override
            public void addError(String file, int line, int column, String message, Throwable t) {
                super.addError(file, line, column, message, t);
                problems.add(new Problem(file, line, column, message));
            }
        });
        Bus previous = BusFactory.getThreadDefaultBus(false);
        Bus bus = BusFactory.newInstance().createBus();
        BusFactory.setThreadDefaultBus(bus);
        try {
            new WSDLToJava(args).run(context, new ByteArrayOutputStream());
        } catch (Exception | InternalError | StackOverflowError e) {
            // ToolException (which BadUsageException extends), XJC failures wrapped by CXF, and bugs of CXF; XSOM
            // throws InternalError("unresolved reference") for some schemas with a broken reference, and a schema
            // that recurses through its imports can exhaust the stack
            if (problems.isEmpty()) {
                problems.add(new Problem(null, 0, 0, e instanceof StackOverflowError
                        ? "it ran out of stack; the WSDL's imports lead back to it, which wsdl2java follows without "
                                + "end when it starts from this file (configure the WSDL that holds the service)"
                        : messageOf(e)));
            }
        } finally {
            bus.shutdown(true);
            BusFactory.setThreadDefaultBus(previous);
        }
        if (!problems.isEmpty()) {
            return new Result(Map.of(), null, null, List.copyOf(problems), List.of());
        }
        return new Result(interfaces(context), (SchemaCollection) context.get(ToolConstants.XML_SCHEMA_COLLECTION),
                context.get(DataBindingProfile.class), List.of(), sources(out));
    }

    /**
     * Like {@link #generate}, on a copy of {@code wsdl} without the operations {@code operations} names
     * ({@code "portType operation"}) and the ports {@code ports} names (see {@link WsdlPruning#copyWithout}), and
     * the schema namespaces {@code packages} names in their own packages. The copy is deleted; its problems, which
     * name the copy, are for deciding only (the caller reports the first run's).
     */
    static Result generateWithout(Path wsdl, Set<String> operations, Set<String> ports, String javaPackage,
            Map<String, String> packages) throws IOException {
        Path dir = Files.createTempDirectory("imcp-wsdl-pruned");
        try {
            return generate(WsdlPruning.copyWithout(wsdl, operations, ports, dir), javaPackage, packages);
        } finally {
            deleteTree(dir);
        }
    }

    private static Map<QName, JavaInterface> interfaces(ToolContext context) {
        Map<QName, JavaInterface> result = new LinkedHashMap<>();
        Object models = context.get(WSDLToJavaProcessor.MODEL_MAP);
        if (models instanceof Map<?, ?> map) {
            for (Object model : map.values()) {
                for (JavaInterface sei : ((JavaModel) model).getInterfaces().values()) {
                    result.putIfAbsent(new QName(sei.getNamespace(), sei.getWebServiceName()), sei);
                }
            }
        }
        return result;
    }

    private static String messageOf(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return message.strip();
    }

    /** Reads every file under {@code root} as UTF-8 (wsdl2java ran with {@code -encoding UTF-8}), in path order. */
    private static List<SourceFile> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<SourceFile> result = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                result.add(new SourceFile(root.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
            return result;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
