package dev.imcp.codegen.select;

import dev.imcp.codegen.model.OperationModel;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the adapter's configuration says about the operations one selector picks: the tool name to publish and
 * MCP annotation hints that replace those derived from the method and the contract (the Maven plugin's
 * {@code <tools><tool>} entries).
 *
 * @param operation which operations it applies to
 * @param name the tool name to publish, or {@code null} to keep the derived one; it is published as given, so it
 *     must be a valid tool name ({@code [A-Za-z0-9_-]}, at most the configured length) and should select one
 *     operation
 * @param annotations hint name ({@link OperationModel#ANNOTATION_HINTS}) to value; empty to keep them
 */
public record ToolOverride(OperationSelector operation, String name, Map<String, Boolean> annotations) {

    /**
     * Checks the components and copies the annotations.
     *
     * @throws IllegalArgumentException when a hint name is not one of {@link OperationModel#ANNOTATION_HINTS}
     */
    public ToolOverride {
        Objects.requireNonNull(operation, "operation");
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
        for (var e : annotations.entrySet()) {
            if (!OperationModel.ANNOTATION_HINTS.contains(e.getKey()) || e.getValue() == null) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not an MCP tool annotation hint; use one of "
                        + String.join(", ", new java.util.TreeSet<>(OperationModel.ANNOTATION_HINTS)));
            }
        }
    }

    /** Returns the entry as one line, for the build's configuration fingerprint. */
    String canonical() {
        return operation.text() + " -> " + name + " " + annotations;
    }
}
