package dev.imcp.codegen.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more contracts are invalid. Carries every diagnostic found (errors and warnings), so the
 * build fails once listing all problems; the message is those lines joined, one per problem.
 */
public class ContractException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The diagnostics, errors first in the order found. */
    private final transient List<Diagnostic> diagnostics;

    /** @param diagnostics every diagnostic found; at least one is an error */
    public ContractException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .map(Diagnostic::toString)
                .collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Returns every diagnostic found. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
