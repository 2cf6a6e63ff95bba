package dev.imcp.runtime.mcp;

import java.util.List;

/**
 * The MCP protocol revisions this server speaks, in two eras (MCP 2026-07-28 "Versioning"): the legacy ones that
 * open a session with {@code initialize}, and the modern one whose requests carry their revision, client
 * capabilities and client info in {@code params._meta} and need neither {@code initialize} nor a session. Both are
 * served on the same endpoint (dual-era). The negotiation rule of {@code initialize} (MCP "Lifecycle", "Version
 * Negotiation") answers with the client's requested legacy version when supported, else the latest legacy one.
 */
public final class ProtocolVersions {

    /** The newest supported revision: the stateless one (MCP 2026-07-28). */
    public static final String LATEST = "2026-07-28";

    /** The newest revision opened with {@code initialize}: what an unknown requested version negotiates to. */
    public static final String LATEST_LEGACY = "2025-11-25";

    /** The revisions whose requests carry their version in {@code _meta} and have no session, newest first. */
    public static final List<String> MODERN = List.of(LATEST);

    /** The revisions opened with {@code initialize} and used in a session, newest first. */
    public static final List<String> LEGACY = List.of(LATEST_LEGACY, "2025-06-18", "2025-03-26", "2024-11-05");

    /**
     * Every supported revision, newest first: what {@code server/discover} publishes as {@code supportedVersions}
     * and an {@code UnsupportedProtocolVersionError} as {@code data.supported}.
     */
    public static final List<String> SUPPORTED = List.of(LATEST, LATEST_LEGACY, "2025-06-18", "2025-03-26", "2024-11-05");

    private ProtocolVersions() {
    }

    /** Returns whether {@code version} is a supported revision of either era. */
    public static boolean supported(String version) {
        return version != null && SUPPORTED.contains(version);
    }

    /** Returns whether {@code version} is a supported legacy revision (opened with {@code initialize}). */
    public static boolean legacy(String version) {
        return version != null && LEGACY.contains(version);
    }

    /** Returns whether {@code version} is a supported modern revision (per-request {@code _meta}, no session). */
    public static boolean modern(String version) {
        return version != null && MODERN.contains(version);
    }

    /**
     * Returns the version to answer a legacy {@code initialize} with.
     *
     * @param requested the client's {@code protocolVersion}, or {@code null}
     * @return {@code requested} when it is a supported legacy revision, else {@link #LATEST_LEGACY}: a modern
     *     revision cannot be negotiated by {@code initialize}, which it removed
     */
    public static String negotiate(String requested) {
        return legacy(requested) ? requested : LATEST_LEGACY;
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
