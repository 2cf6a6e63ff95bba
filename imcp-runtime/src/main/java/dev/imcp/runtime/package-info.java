/**
 * The iMCP runtime's entry point: {@link dev.imcp.runtime.ImcpServer} starts a Helidon SE web server that
 * serves every {@link dev.imcp.runtime.spi.ToolProvider}'s tools over MCP Streamable HTTP at {@code /mcp};
 * {@link dev.imcp.runtime.ImcpServer#runtime} builds the same {@link dev.imcp.runtime.AdapterRuntime} (tools,
 * invocation chain, audit, the transport-neutral {@link dev.imcp.runtime.mcp.McpEndpoint}) without a web server.
 *
 * <p>Configuration (Helidon Config; environment variables and system properties override
 * {@code application.yaml}): {@code server.host} (default {@code 127.0.0.1}), {@code server.port} (default
 * {@code 8080}; {@code 0} picks a free port), {@code server.max-payload-size} (bytes, default 4 MiB; a larger
 * request body is 413), {@code server.cors.allowed-origins} (none by default) and the {@code imcp} node described in
 * {@link dev.imcp.runtime.config}. Start-up fails with an {@link java.lang.IllegalArgumentException} or
 * {@link java.lang.IllegalStateException} naming the configuration key when a value is malformed or a REST
 * service has no base URL.
 */
package dev.imcp.runtime;
