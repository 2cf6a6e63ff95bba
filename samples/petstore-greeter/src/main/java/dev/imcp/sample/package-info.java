/**
 * The sample adapter: Apache CXF's {@code hello_world.wsdl}, the OAI petstore and an MCP JSON contract
 * served as MCP tools, with embedded upstreams implementing those contracts so it runs on its own.
 */
package dev.imcp.sample;
