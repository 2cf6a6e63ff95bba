/**
 * The reader contract shared by the WSDL, OpenAPI and MCP JSON readers, and contract kind detection.
 */
package dev.imcp.codegen.read;
