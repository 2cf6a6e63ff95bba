/**
 * The contract model: immutable records every reader produces and every writer consumes.
 *
 * <p>A {@link dev.imcp.codegen.model.ContractModel} is one contract file; each of its
 * {@link dev.imcp.codegen.model.OperationModel}s becomes one MCP tool, with input and output
 * {@link dev.imcp.codegen.model.SchemaModel}s (a JSON Schema 2020-12 subset plus the Java type each
 * maps to; a type that contains itself is a named definition that reference nodes stand for, as JSON Schema's
 * {@code $defs} and {@code $ref}) and a {@link dev.imcp.codegen.model.Binding} telling the upstream stub how to
 * call it.
 * Every element carries a {@link dev.imcp.codegen.model.SourceLocation} for diagnostics.
 */
package dev.imcp.codegen.model;
