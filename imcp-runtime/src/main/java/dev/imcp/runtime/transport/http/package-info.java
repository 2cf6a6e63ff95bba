/**
 * The Streamable HTTP transport (MCP "Transports", "Streamable HTTP") on Helidon WebServer: HTTP methods, headers,
 * statuses, CORS and the API key, and nothing of the protocol, which {@link dev.imcp.runtime.mcp.McpEndpoint}
 * answers. A transport hands the endpoint the message's bytes and an {@link dev.imcp.runtime.mcp.Inbound} and maps
 * the {@link dev.imcp.runtime.mcp.Reply} back; a stdio transport or a REST facade is another such class.
 */
package dev.imcp.runtime.transport.http;
