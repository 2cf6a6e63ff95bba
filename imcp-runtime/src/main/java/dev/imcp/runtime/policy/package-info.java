/**
 * Which tools a caller may see and call.
 *
 * <p>Per service, {@code imcp.services.<id>.tools.allow} (when non-empty, only these tools) and
 * {@code tools.deny} (never these) decide what is published at all. Then, when {@code imcp.policy.rules} is set,
 * the caller's roles and scopes decide: a rule applies to callers with one of its {@code roles} or {@code scopes}
 * (or to everyone when it names neither), and a tool is visible when an applying rule's {@code allow} patterns
 * match {@code <service>.<tool>} and no applying rule's {@code deny} pattern does ({@code *} is any run of
 * characters). A hidden tool is left out of {@code tools/list} and a {@code tools/call} on it is answered exactly
 * like an unknown tool (JSON-RPC -32602, {@code Unknown tool: <name>}) by the invocation chain's
 * {@link dev.imcp.runtime.chain.PolicyLink}, so callers cannot probe for hidden tools.
 */
package dev.imcp.runtime.policy;
