/**
 * The MCP JSON reader: iMCP's {@code {name, version, description, tools: [...]}} tool list, read with
 * Jackson. See {@link dev.imcp.codegen.mcpjson.McpJsonReader} for the format's semantics and codes.
 */
package dev.imcp.codegen.mcpjson;
