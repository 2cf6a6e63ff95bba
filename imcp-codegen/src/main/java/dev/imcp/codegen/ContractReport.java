package dev.imcp.codegen;

import dev.imcp.codegen.diag.Diagnostic;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one contract gave, for the build log: {@code petstore.yaml: 3 operations -> 3 tools, 0 skipped, 0.4 s},
 * followed by the contract's own warnings.
 *
 * @param file the contract as shown in diagnostics (relative to the project base directory)
 * @param serviceId the service id its tools are published under
 * @param operations the operations found: tools plus skipped operations
 * @param tools the tools generated
 * @param skipped skipped operations by diagnostic code, codes in alphabetical order
 * @param millis the time spent reading it, in milliseconds
 * @param warnings the warnings reading it raised, in order
 */
public record ContractReport(String file, String serviceId, int operations, int tools, Map<String, Integer> skipped,
        long millis, List<Diagnostic> warnings) {

    /** Copies the collections, skipped operations sorted by code. */
    public ContractReport {
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
        warnings = List.copyOf(warnings);
    }

    /** Returns the number of operations skipped, over every code. */
    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Formats the build-log line: {@code file: N operations -> T tools, S skipped[ (CODE n, ...)], 0.4 s}.
     *
     * @return the line
     */
    public String summary() {
        StringBuilder b = new StringBuilder(file).append(": ")
                .append(operations).append(operations == 1 ? " operation" : " operations").append(" -> ")
                .append(tools).append(tools == 1 ? " tool" : " tools").append(", ")
                .append(skippedTotal()).append(" skipped");
        if (!skipped.isEmpty()) {
            b.append(" (");
            String sep = "";
            for (var e : skipped.entrySet()) {
                b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
                sep = ", ";
            }
            b.append(')');
        }
        return b.append(", ").append(String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0)).toString();
    }
}
