/**
 * The iMCP code generator: {@link dev.imcp.codegen.ImcpGenerator} reads contracts (WSDL, OpenAPI,
 * MCP JSON), validates them together and writes typed MCP adapter code. No Maven API; the plugin maps
 * its parameters to a {@link dev.imcp.codegen.CodegenRequest}.
 */
package dev.imcp.codegen;
