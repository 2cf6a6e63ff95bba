/**
 * What is read, before any reader runs: contract discovery in a contracts folder
 * ({@link dev.imcp.codegen.read.ContractDiscovery}: files another contract imports are its parts), the imports of
 * a file ({@link dev.imcp.codegen.read.ContractImports}: {@code wsdl:import}, {@code xsd:import/include},
 * OpenAPI {@code $ref}s to other files), contract kind detection, and the reader contract shared by the WSDL,
 * OpenAPI and MCP JSON readers.
 */
package dev.imcp.codegen.read;
