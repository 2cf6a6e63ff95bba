/**
 * The invocation chain around every tool call: {@link dev.imcp.runtime.chain.ToolsCallHandler} answers
 * {@code tools/call} by running a {@link dev.imcp.runtime.chain.ToolInvocation} through an ordered list of
 * {@link dev.imcp.runtime.chain.InvocationLink}s, outermost first: {@link dev.imcp.runtime.chain.AuditLink},
 * {@link dev.imcp.runtime.chain.PolicyLink}, {@link dev.imcp.runtime.chain.ArgumentsLink},
 * {@link dev.imcp.runtime.chain.LimitsLink}, {@link dev.imcp.runtime.chain.UpstreamCallLink}.
 *
 * <p>Shapes (MCP "Server Features", "Tools"): the chain answers a {@code CallToolResult}
 * {@code {content: [...], structuredContent?, isError}} or throws {@link dev.imcp.runtime.mcp.McpError}.
 * Caller mistakes are -32602: a missing {@code name}, an unknown or hidden tool ({@code Unknown tool: <name>}),
 * non-object {@code arguments} and, before 2025-11-25, arguments failing the input schema; from 2025-11-25 on,
 * failing arguments are a result with {@code isError: true} (SEP-1303). Upstream failures, cancellations and
 * missed deadlines are results with {@code isError: true}. A runtime exception of a link is -32603 with the
 * request's correlation id ({@link dev.imcp.runtime.mcp.McpEndpoint}), and the audit event says
 * {@code internal}.
 *
 * <p>Adding a concern (identity, rate limits, retries, circuit breakers) is adding a link to the list
 * {@code ImcpServer} builds; no other class changes.
 */
package dev.imcp.runtime.chain;
