/**
 * The REST facade: plain HTTP endpoints ({@code GET /tools}, {@code POST /tools/{name}}, {@code GET /openapi}) for
 * clients that do not speak MCP. Each request becomes an MCP message to {@link dev.imcp.runtime.mcp.McpEndpoint},
 * so identity, policy, limits and audit are those of the MCP endpoint; errors are RFC 9457 problem details.
 */
package dev.imcp.runtime.transport.rest;
