/**
 * The output side of a generation: the generated files, staged on disk as they are made ({@link dev.imcp.codegen.output.GeneratedFiles}),
 * the one place that writes and prunes the output folders ({@link dev.imcp.codegen.output.OutputReconciler}), and
 * the state kept between builds for incremental generation ({@link dev.imcp.codegen.output.BuildState}).
 */
package dev.imcp.codegen.output;
