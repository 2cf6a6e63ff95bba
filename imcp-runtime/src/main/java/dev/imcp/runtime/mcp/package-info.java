/**
 * The transport-neutral Model Context Protocol core: {@link dev.imcp.runtime.mcp.McpEndpoint} takes one
 * message's bytes and an {@link dev.imcp.runtime.mcp.Inbound} from any transport, builds a
 * {@link dev.imcp.runtime.mcp.RequestContext} per request and hands it to the
 * {@link dev.imcp.runtime.mcp.MethodHandler} of its method; it owns JSON-RPC 2.0 validation, lifecycle,
 * sessions, revisions, batches (2025-03-26 only) and request ids. Session ids are self-validating
 * ({@link dev.imcp.runtime.mcp.SessionStore}: HMAC-SHA256 under {@code imcp.session.secret}), so instances that
 * share the secret accept each other's sessions; a caller may have {@code imcp.session.max-per-caller} in use
 * per instance (more: {@code initialize} answers -32000). Transports live in
 * {@code dev.imcp.runtime.transport}, the tool-call chain in {@code dev.imcp.runtime.chain}.
 *
 * <p>Two eras on one endpoint (MCP 2026-07-28 "Versioning"): legacy revisions (2024-11-05 to 2025-11-25) open a
 * session with {@code initialize}; a request whose {@code params._meta} carries
 * {@code io.modelcontextprotocol/protocolVersion} is modern (2026-07-28) and is answered without session by
 * {@code ModernRequests}, which checks {@code _meta}, the standard headers and the version in
 * that order and adds {@code resultType} and {@code serverInfo} to every result.
 * {@link dev.imcp.runtime.mcp.RevisionFields} gives tools and tool results exactly the members of the request's
 * revision.
 *
 * <p>Spec sources: MCP revisions 2026-07-28, 2025-11-25 and 2025-06-18, "Base Protocol" (JSON-RPC messages,
 * per-request {@code _meta}, {@code resultType}), "Server Features: Discover", "Server Utilities: Caching",
 * "Lifecycle" (initialize and version negotiation; supported: 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05),
 * "Transports" (Streamable HTTP, session management, the {@code MCP-Protocol-Version} header and the
 * DNS-rebinding warning), "Tools" (tools/list, tools/call, structured content) and "Utilities" (ping).
 *
 * <p>Shapes: {@code tools/list} returns {@code {tools: [{name, title?, description?, inputSchema,
 * outputSchema?, annotations?}]}}; {@code tools/call} returns {@code {content: [{type: "text", text}],
 * structuredContent?, isError}}, where {@code structuredContent} is the tool's result as a JSON object
 * (or {@code {<resultProperty>: value}}) and the text is its compact JSON.
 *
 * <p>Errors: -32700 parse error (HTTP 400: not UTF-8, not exactly one JSON value, nested too deep), -32600
 * invalid request (HTTP 400: not a JSON-RPC 2.0 message, an id that is not a string or integer, a known
 * notification carrying an id, an id already in flight in the session, a batch outside 2025-03-26), -32601
 * method not found (HTTP 404 for a 2026-07-28 request), -32020 header mismatch and -32022 unsupported protocol
 * version (2026-07-28, HTTP 400),
 * -32602 invalid params (also a 2026-07-28 request without its required {@code _meta} keys, HTTP 400) (unknown or hidden tool: {@code Unknown tool: <name>}; bad arguments before
 * 2025-11-25), -32603 internal error (generic message plus correlation id; the exception is logged
 * server-side only). An error whose request id is unknown has no {@code id} member. From 2025-11-25 on, arguments failing the input schema are answered as a tool result
 * with {@code isError: true} naming the field (SEP-1303), so the model can retry. Upstream failures are
 * always tool results with {@code isError: true}.
 */
package dev.imcp.runtime.mcp;
