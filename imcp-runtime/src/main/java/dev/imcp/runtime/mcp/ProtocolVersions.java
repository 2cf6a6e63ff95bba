package dev.imcp.runtime.mcp;

import java.util.List;

/**
 * The MCP protocol revisions this server speaks and the negotiation rule of MCP "Lifecycle",
 * "Version Negotiation": answer with the client's requested version when supported, else the latest.
 */
public final class ProtocolVersions {

    /** The newest supported revision. */
    public static final String LATEST = "2025-11-25";

    /** Every supported revision, newest first. */
    public static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", "2025-03-26", "2024-11-05");

    private ProtocolVersions() {
    }

    /** Returns whether {@code version} is a supported revision. */
    public static boolean supported(String version) {
        return version != null && SUPPORTED.contains(version);
    }

    /**
     * Returns the version to answer an {@code initialize} with.
     *
     * @param requested the client's {@code protocolVersion}, or {@code null}
     * @return {@code requested} when supported, else {@link #LATEST}
     */
    public static String negotiate(String requested) {
        return supported(requested) ? requested : LATEST;
    }

    /**
     * Returns whether invalid tool arguments are reported as a tool result with {@code isError: true}
     * (2025-11-25 and later, SEP-1303) rather than as JSON-RPC error -32602.
     *
     * @param version the session's negotiated version
     * @return {@code true} from 2025-11-25 on
     */
    public static boolean argumentErrorsAsToolResult(String version) {
        // Revision names are ISO dates, so lexical order is chronological order.
        return version != null && version.compareTo("2025-11-25") >= 0;
    }

    /**
     * Returns whether a session of {@code version} accepts JSON-RPC batches: only 2025-03-26, whose Streamable HTTP
     * transport lets a POST carry an array of requests and notifications (MCP 2025-03-26 "Transports"); 2025-06-18
     * removed batching ("Changelog") and 2024-11-05 had no Streamable HTTP.
     *
     * @param version the session's negotiated version
     * @return {@code true} for 2025-03-26 only
     */
    public static boolean batchesAllowed(String version) {
        return "2025-03-26".equals(version);
    }
}
