package dev.imcp.codegen.diag;

import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one generation run; not thread-safe. */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    /** Records a diagnostic. */
    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    /** Returns whether any error was recorded. */
    public boolean hasErrors() {
        return all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** Returns how many diagnostics were recorded so far. */
    public int size() {
        return all.size();
    }

    /** Returns the diagnostics recorded from index {@code from} on, in order (those of one contract's read). */
    public List<Diagnostic> since(int from) {
        return List.copyOf(all.subList(from, all.size()));
    }

    /**
     * Formats diagnostics for a log: diagnostics that say the same thing (same severity, code, message and
     * fix, wherever they are) are printed once, as the first of them with {@code " (N times)"} appended, in
     * order of first appearance.
     *
     * @param diagnostics the diagnostics
     * @return one line per distinct diagnostic
     */
    public static List<String> lines(List<Diagnostic> diagnostics) {
        java.util.Map<String, String> first = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (Diagnostic d : diagnostics) {
            String key = d.severity() + "\u0000" + d.code() + "\u0000" + d.message() + "\u0000" + d.fix();
            first.putIfAbsent(key, d.toString());
            counts.merge(key, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>(first.size());
        first.forEach((key, line) -> out.add(counts.get(key) == 1 ? line : line + " (" + counts.get(key) + " times)"));
        return out;
    }

    /** Returns everything recorded so far, in order. */
    public List<Diagnostic> all() {
        return List.copyOf(all);
    }

    /** Throws a {@link ContractException} listing everything recorded, when any error was recorded. */
    public void throwIfErrors() throws ContractException {
        if (hasErrors()) {
            throw new ContractException(all);
        }
    }
}
