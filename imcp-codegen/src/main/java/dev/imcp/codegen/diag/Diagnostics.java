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
