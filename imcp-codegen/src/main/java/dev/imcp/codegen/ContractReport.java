package dev.imcp.codegen;

import dev.imcp.codegen.diag.Diagnostic;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one contract gave, for the build log: {@code petstore.yaml: 3 operations -> 3 tools, 0 skipped, 0.4 s},
 * followed by the contract's own warnings and notes.
 *
 * @param file the contract as shown in diagnostics (relative to the project base directory)
 * @param serviceId the service id its tools are published under
 * @param operations the operations found: tools plus skipped and excluded operations
 * @param tools the tools generated
 * @param skipped skipped operations by diagnostic code, codes in alphabetical order
 * @param excluded operations left out on purpose: not selected by the configuration, or {@code x-mcp: false}
 * @param millis the time spent reading it, in milliseconds
 * @param warnings the warnings reading and naming its tools raised, in order
 * @param notes the notes ({@link Diagnostic.Severity#INFO}: names made valid, operations excluded), in order
 */
public record ContractReport(String file, String serviceId, int operations, int tools, Map<String, Integer> skipped,
        int excluded, long millis, List<Diagnostic> warnings, List<Diagnostic> notes) {

    /** Copies the collections, skipped operations sorted by code. */
    public ContractReport {
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /**
     * Returns the report of what {@code found} says about a contract that publishes {@code tools} tools.
     *
     * @param file the contract as shown
     * @param serviceId its service id
     * @param tools the tools it publishes
     * @param found every diagnostic about it (errors are ignored)
     * @param millis the time spent on it, in milliseconds
     * @return the report
     */
    public static ContractReport of(String file, String serviceId, int tools, List<Diagnostic> found, long millis) {
        Map<String, Integer> skipped = new TreeMap<>();
        int excluded = 0;
        for (Diagnostic d : found) {
            if (d.skippedOperations() > 0) {
                skipped.merge(d.code(), d.skippedOperations(), Integer::sum);
            }
            excluded += d.excludedOperations();
        }
        int skippedTotal = skipped.values().stream().mapToInt(Integer::intValue).sum();
        return new ContractReport(file, serviceId, tools + skippedTotal + excluded, tools, skipped, excluded, millis,
                found.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList(),
                found.stream().filter(d -> d.severity() == Diagnostic.Severity.INFO).toList());
    }

    /** Returns the number of operations skipped, over every code. */
    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Formats the build-log line: {@code file: N operations -> T tools, S skipped[ (CODE n, ...)][, E excluded], 0.4 s}
     * (the excluded count only when some are).
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
        if (excluded > 0) {
            b.append(", ").append(excluded).append(" excluded");
        }
        return b.append(", ").append(String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0)).toString();
    }
}
