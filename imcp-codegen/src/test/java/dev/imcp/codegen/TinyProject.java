package dev.imcp.codegen;

import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.select.ToolOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny contracts written to a temporary folder and generated together, contracts listed in the order written;
 * diagnostics show them as {@code contracts/<name>}.
 */
public final class TinyProject {

    private final Path root;
    private final List<Path> contracts = new ArrayList<>();

    /** @param root an empty folder */
    public TinyProject(Path root) {
        this.root = root;
    }

    /** Writes contract {@code name} with {@code text} and lists it. */
    public TinyProject write(String name, String text) throws IOException {
        Path file = Files.createDirectories(root.resolve("contracts")).resolve(name);
        Files.writeString(file, text);
        contracts.add(file);
        return this;
    }

    /** Returns the 1-based line of the first occurrence of {@code needle} in contract {@code name}. */
    public int line(String name, String needle) throws IOException {
        String text = Files.readString(root.resolve("contracts").resolve(name));
        int at = text.indexOf(needle);
        if (at < 0) {
            throw new AssertionError(needle + " is not in " + name);
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Returns the request generating every listed contract with {@code options}. */
    public CodegenRequest request(ToolOptions options) {
        return new CodegenRequest(contracts, root, root.resolve("out/java"), root.resolve("out/resources"),
                "com.example.tiny").withTools(options);
    }

    /** Generates with the default options. */
    public GenerationResult generate() throws IOException, ContractException {
        return generate(ToolOptions.defaults());
    }

    /** Generates with {@code options}. */
    public GenerationResult generate(ToolOptions options) throws IOException, ContractException {
        return new ImcpGenerator().generate(request(options));
    }

    /** Returns the diagnostics of a run that must fail. */
    public List<Diagnostic> failures(ToolOptions options) throws IOException {
        try {
            new ImcpGenerator().generate(request(options));
        } catch (ContractException e) {
            return e.diagnostics();
        }
        throw new AssertionError("generation did not fail");
    }

    /** Returns the generated Java sources root. */
    public Path sources() {
        return root.resolve("out/java");
    }

    /** Returns the generated resources root. */
    public Path resources() {
        return root.resolve("out/resources");
    }
}
