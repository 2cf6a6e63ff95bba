/**
 * Which tools a caller may see and call.
 *
 * <p>Per service, {@code imcp.services.<id>.tools.allow} (when non-empty, only these tools) and
 * {@code tools.deny} (never these) decide visibility. A hidden tool is left out of {@code tools/list}
 * and a {@code tools/call} on it is answered exactly like an unknown tool (JSON-RPC -32602,
 * {@code Unknown tool: <name>}), so callers cannot probe for hidden tools.
 */
package dev.imcp.runtime.policy;
