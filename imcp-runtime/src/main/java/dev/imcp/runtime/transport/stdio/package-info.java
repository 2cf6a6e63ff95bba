/**
 * The stdio transport (MCP "Transports", "stdio"): newline-delimited JSON-RPC messages on standard input and
 * output, for an adapter launched as a subprocess by its client. Like every transport it only frames bytes;
 * {@link dev.imcp.runtime.mcp.McpEndpoint} answers them.
 */
package dev.imcp.runtime.transport.stdio;
