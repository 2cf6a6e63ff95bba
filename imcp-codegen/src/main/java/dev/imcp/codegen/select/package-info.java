/**
 * Which operations become tools, and what the adapter's configuration says about them: operation selectors
 * ({@link dev.imcp.codegen.select.OperationSelector}: by tag, operationId, method, path glob and service), the
 * include and exclude lists and per-operation overrides of the tool name and annotation hints
 * ({@link dev.imcp.codegen.select.ToolOptions}), applied by the readers through
 * {@link dev.imcp.codegen.select.OperationRules} before they convert an operation.
 */
package dev.imcp.codegen.select;
