/**
 * The iMCP Maven plugin: thin Mojos over {@code imcp-codegen}.
 *
 * <p>{@code imcp:generate} (phase {@code generate-sources}) maps its parameters to one
 * {@link dev.imcp.codegen.CodegenRequest}, runs {@link dev.imcp.codegen.ImcpGenerator} and maps the
 * diagnostics to Maven: an invalid contract is a {@code MojoFailureException} listing every problem as
 * {@code file:line:col [CODE] message}; an I/O failure or a bug is a {@code MojoExecutionException}.
 */
package dev.imcp.maven;
