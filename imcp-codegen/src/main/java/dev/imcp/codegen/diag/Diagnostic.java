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
 * @param excludedOperations how many operations this note says were left out on purpose (the plugin's
 *     operation selection or the contract's {@code x-mcp: false}): 1 for an excluded operation, 0 otherwise;
 *     the per-contract summary counts them apart from skipped ones
 */
public record Diagnostic(Severity severity, String code, String message, SourceLocation location, String fix,
        int skippedOperations, int excludedOperations) {

    /** How bad a diagnostic is. */
    public enum Severity {
        /** The contract cannot be turned into tools. */
        ERROR,
        /** Something was left out or approximated; generation goes on. */
        WARNING,
        /**
         * A note on something done as configured or as documented (a tool name made valid, an operation
         * excluded); nothing is wrong.
         */
        INFO
    }

    /** Checks the components. */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        if (skippedOperations < 0 || excludedOperations < 0) {
            throw new IllegalArgumentException("operation counts must not be negative");
        }
    }

    /** Returns a diagnostic that leaves no operation out. */
    public Diagnostic(Severity severity, String code, String message, SourceLocation location, String fix) {
        this(severity, code, message, location, fix, 0, 0);
    }

    /** Returns an error without a fix. */
    public static Diagnostic error(String code, SourceLocation location, String message) {
        return new Diagnostic(Severity.ERROR, code, message, location, null);
    }

    /** Returns a warning without a fix. */
    public static Diagnostic warning(String code, SourceLocation location, String message) {
        return new Diagnostic(Severity.WARNING, code, message, location, null);
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
        return new Diagnostic(Severity.WARNING, code, message, location, null, operations, 0);
    }

    /** Returns a note without a fix. */
    public static Diagnostic info(String code, SourceLocation location, String message) {
        return new Diagnostic(Severity.INFO, code, message, location, null);
    }

    /**
     * Returns a note saying that one operation is left out of the tool list on purpose: the configuration or
     * the contract excludes it.
     *
     * @param code the stable code, e.g. {@code OPERATION_EXCLUDED}
     * @param location where the excluded operation is
     * @param message which operation and what excluded it
     * @return the note
     */
    public static Diagnostic excluded(String code, SourceLocation location, String message) {
        return new Diagnostic(Severity.INFO, code, message, location, null, 0, 1);
    }

    /** Returns this diagnostic with {@code howToFix} attached. */
    public Diagnostic withFix(String howToFix) {
        return new Diagnostic(severity, code, message, location, howToFix, skippedOperations, excludedOperations);
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
