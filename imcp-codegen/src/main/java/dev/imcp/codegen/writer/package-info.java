/**
 * Writers: turn validated {@link dev.imcp.codegen.model.ContractModel}s into Java sources (palantir
 * JavaPoet, never string templates) and resources. They see only the model.
 *
 * <p>Entry point: {@link dev.imcp.codegen.writer.SourceWriter}. Output is deterministic so a rebuild of
 * unchanged contracts writes identical bytes (and no file at all).
 */
package dev.imcp.codegen.writer;
