package dev.imcp.codegen.lock;

import java.util.Objects;

/**
 * One difference between the lockfile and the build's published surface.
 *
 * @param impact what it does to clients that work with the locked surface
 * @param service the service the tool belongs to (now, or in the lock when it is gone)
 * @param tool the tool name, or {@code null} for a change to a whole contract
 * @param pointer where in the tool's {@code tools/list} entry (RFC 6901 JSON pointer, e.g.
 *     {@code /inputSchema/properties/petId}); empty for the whole tool or contract
 * @param rule the rule that classified it, e.g. {@code required-argument-added} (listed in {@link SurfaceDiff})
 * @param detail what changed, in words, with the old and new values where short
 */
public record Change(Impact impact, String service, String tool, String pointer, String rule, String detail) {

    /** What a change does to clients. */
    public enum Impact {
        /** A client built against the lock may fail: fails {@code imcp:check} unless accepted. */
        BREAKING,
        /** Adds to what clients can do; what worked still works. */
        COMPATIBLE,
        /** Text people read (titles, descriptions) or the contract's bytes; nothing a client relies on. */
        COSMETIC
    }

    /** Checks the components. */
    public Change {
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    /** Returns the change as one build-log line: {@code BREAKING tool /pointer: detail [rule]}. */
    public String line() {
        String where = tool == null ? "contract " + service : tool;
        return impact + " " + where + (pointer.isEmpty() ? "" : " " + pointer) + ": " + detail + " [" + rule + "]";
    }
}
