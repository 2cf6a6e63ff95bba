/**
 * The naming pass: one place that decides every tool name and tool class name of the adapter, for every contract
 * kind, after reading. {@link dev.imcp.codegen.naming.ToolNameRules} holds the rules (valid characters, length,
 * stable hash suffixes); {@link dev.imcp.codegen.naming.ToolNaming} applies them across all contracts and reports
 * each rename, shortening and collision at the operation.
 */
package dev.imcp.codegen.naming;
