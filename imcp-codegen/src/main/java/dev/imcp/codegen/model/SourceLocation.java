package dev.imcp.codegen.model;

import java.util.Objects;

/**
 * Where an element comes from in a contract file.
 *
 * @param file the contract file as the user named it (relative to the project base directory when possible)
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param pointer a JSON pointer (OpenAPI, MCP JSON) or XPath (WSDL) to the element, or {@code ""}
 */
public record SourceLocation(String file, int line, int column, String pointer) {

    /** Checks the components. */
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        pointer = pointer == null ? "" : pointer;
    }

    /** Returns a location with only a file and a pointer. */
    public static SourceLocation of(String file, String pointer) {
        return new SourceLocation(file, 0, 0, pointer);
    }

    /** Returns this location with another pointer, same file and position. */
    public SourceLocation withPointer(String newPointer) {
        return new SourceLocation(file, line, column, newPointer);
    }

    /** Formats as {@code file:line:col}, leaving out unknown parts. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.toString();
    }
}
