/**
 * The Model Context Protocol server: JSON-RPC 2.0 messages, sessions, tools and the Streamable HTTP transport.
 *
 * <p>Spec sources: MCP revisions 2025-11-25 and 2025-06-18, "Base Protocol" (JSON-RPC messages),
 * "Lifecycle" (initialize and version negotiation; supported: 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05),
 * "Transports" (Streamable HTTP, session management, the {@code MCP-Protocol-Version} header and the
 * DNS-rebinding warning), "Tools" (tools/list, tools/call, structured content) and "Utilities" (ping).
 *
 * <p>Shapes: {@code tools/list} returns {@code {tools: [{name, title?, description?, inputSchema,
 * outputSchema?, annotations?}]}}; {@code tools/call} returns {@code {content: [{type: "text", text}],
 * structuredContent?, isError}}, where {@code structuredContent} is the tool's result as a JSON object
 * (or {@code {<resultProperty>: value}}) and the text is its compact JSON.
 *
 * <p>Errors: -32700 parse error (HTTP 400), -32600 invalid request (HTTP 400), -32601 method not found,
 * -32602 invalid params (unknown or hidden tool: {@code Unknown tool: <name>}; bad arguments before
 * 2025-11-25), -32603 internal error (generic message plus correlation id; the exception is logged
 * server-side only). From 2025-11-25 on, arguments failing the input schema are answered as a tool result
 * with {@code isError: true} naming the field (SEP-1303), so the model can retry. Upstream failures are
 * always tool results with {@code isError: true}.
 */
package dev.imcp.runtime.mcp;
