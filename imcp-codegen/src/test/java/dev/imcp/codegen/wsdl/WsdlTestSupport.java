package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.SourceFile;
import dev.imcp.codegen.read.ContractSource;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Helpers shared by the WSDL reader tests: reading a contract, hashing, compiling generated sources. */
public final class WsdlTestSupport {

    /** The base package tests generate under. */
    static final String PACKAGE = "com.example.hello";

    private WsdlTestSupport() {
    }

    /** Returns a corpus file of the test resources. */
    static Path corpus(String path) {
        try {
            return Path.of(WsdlTestSupport.class.getResource("/corpus/wsdl/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the contract source for {@code file}, with {@code display} as its name in diagnostics. */
    static ContractSource source(Path file, String display) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new ContractSource(file, display, "hello", PACKAGE, new String(bytes, StandardCharsets.UTF_8), sha256(bytes));
    }

    /** Reads {@code file}, then writes the sources CXF generated for it under {@code out}, as the writer would. */
    static ContractModel read(Path file, String display, Path out, Diagnostics diagnostics) throws IOException {
        ContractModel model = new WsdlReader().read(source(file, display), diagnostics);
        if (model != null) {
            for (SourceFile source : model.generatedSources()) {
                Path target = out.resolve(source.path());
                Files.createDirectories(target.getParent());
                Files.writeString(target, source.content(), StandardCharsets.UTF_8);
            }
        }
        return model;
    }

    /** Returns a free TCP port on the loopback address. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code action} with {@code loader} as the thread's context class loader (CXF finds generated classes there). */
    static <T> T withLoader(ClassLoader loader, Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Loads the generated class whose source is {@code <simpleName>.java} under {@code sources}. */
    static Class<?> generatedClass(ClassLoader loader, Path sources, String simpleName) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            Path source = files.filter(f -> f.endsWith(simpleName + ".java")).findFirst().orElseThrow();
            return loader.loadClass(sources.relativize(source).toString().replace('/', '.').replace(".java", ""));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the lower-case hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles every {@code .java} file under {@code sources} into {@code classes} with {@code --release 21}. */
    public static void compile(Path sources, Path classes) throws IOException {
        List<String> files;
        try (Stream<Path> all = Files.walk(sources)) {
            files = all.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("--release", "21", "-proc:none", "-encoding", "UTF-8",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        args.addAll(files);
        java.io.PrintStream capture = new java.io.PrintStream(new java.io.ByteArrayOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) {
                log.write(new String(b, off, len, StandardCharsets.UTF_8));
            }
        };
        int rc = javac.run(null, capture, capture, args.toArray(String[]::new));
        assertEquals(0, rc, () -> "javac failed:\n" + log);
    }
}
