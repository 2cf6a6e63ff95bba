package dev.imcp.codegen.model;

import java.util.Objects;

/**
 * A Java source that a tool of the field generated for a contract while it was read (CXF wsdl2java's
 * SEIs, JAXB classes and fault exceptions for a WSDL). Readers hand these over in the model; only the
 * writers put them on disk, after validation, so a run that fails writes nothing.
 *
 * @param path the path relative to the generated-sources root, {@code /}-separated
 *     ({@code com/example/hello/soap/Greeter.java})
 * @param content the source text
 */
public record SourceFile(String path, String content) {

    /** Checks the components: the path must be relative and stay inside the sources root. */
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.equals("..")
                || path.startsWith("../") || path.contains("/../")) {
            throw new IllegalArgumentException("not a relative source path: " + path);
        }
    }
}
