package dev.imcp.codegen.diag;

import dev.imcp.codegen.model.SourceLocation;
import java.util.Objects;

/**
 * One finding about a contract.
 *
 * @param severity how bad it is; any {@link Severity#ERROR} fails the build
 * @param code a stable upper-case code, e.g. {@code OPENAPI_UNRESOLVED_REF}
 * @param message what is wrong, naming the element
 * @param location where; its {@link SourceLocation#pointer()} is printed after the position
 * @param fix how to fix it, or {@code null}
 * @param skippedOperations how many of the contract's operations this finding leaves out of the tool list
 *     (1 for an operation skipped, the binding's operation count for a binding skipped, 0 otherwise); the
 *     build log's per-contract summary counts skipped operations by code from it
 */
public record Diagnostic(Severity severity, String code, String message, SourceLocation location, String fix,
        int skippedOperations) {

    /** How bad a diagnostic is. */
    public enum Severity {
        /** The contract cannot be turned into tools. */
        ERROR,
        /** Something was left out or approximated; generation goes on. */
        WARNING
    }

    /** Checks the components. */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        if (skippedOperations < 0) {
            throw new IllegalArgumentException("skippedOperations must not be negative");
        }
    }

    /** Returns an error without a fix. */
    public static Diagnostic error(String code, SourceLocation location, String message) {
        return new Diagnostic(Severity.ERROR, code, message, location, null, 0);
    }

    /** Returns a warning without a fix. */
    public static Diagnostic warning(String code, SourceLocation location, String message) {
        return new Diagnostic(Severity.WARNING, code, message, location, null, 0);
    }

    /**
     * Returns a warning saying that {@code operations} operations are left out of the tool list (an
     * unsupported construct skips what it touches, never the build).
     *
     * @param code the stable code, e.g. {@code WSDL_UNSUPPORTED_OPERATION}
     * @param location where the skipped operation (or binding) is
     * @param message what is skipped and why
     * @param operations how many operations are skipped; at least 1
     * @return the warning
     */
    public static Diagnostic skipped(String code, SourceLocation location, String message, int operations) {
        if (operations < 1) {
            throw new IllegalArgumentException("a skip leaves out at least one operation");
        }
        return new Diagnostic(Severity.WARNING, code, message, location, null, operations);
    }

    /** Returns this diagnostic with {@code howToFix} attached. */
    public Diagnostic withFix(String howToFix) {
        return new Diagnostic(severity, code, message, location, howToFix, skippedOperations);
    }

    /** Formats as {@code file:line:col [CODE] pointer: message (fix: ...)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(location).append(" [").append(code).append("] ");
        if (!location.pointer().isEmpty()) {
            b.append(location.pointer()).append(": ");
        }
        b.append(message);
        if (fix != null) {
            b.append(" (fix: ").append(fix).append(')');
        }
        return b.toString();
    }
}
