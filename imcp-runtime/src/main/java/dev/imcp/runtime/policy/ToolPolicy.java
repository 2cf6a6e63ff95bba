package dev.imcp.runtime.policy;

import dev.imcp.runtime.config.PolicyRule;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.spi.ToolDescriptor;

import java.util.List;

/**
 * Decides whether a caller may see (and so call) a tool: first the per-service allow and deny lists
 * ({@link #published}), then the role and scope rules of {@code imcp.policy.rules} ({@link PolicyRule}).
 * Thread-safe.
 *
 * <p>Without rules every caller sees every published tool. With rules, a caller sees a published tool when at
 * least one rule that applies to the caller allows it and no rule that applies to the caller denies it (deny wins,
 * across rules); a caller no rule applies to sees nothing. Rules match the qualified name {@code <service>.<tool>}.
 */
public final class ToolPolicy {

    private final RuntimeConfig config;
    private final List<PolicyRule> rules;

    /**
     * @param config the runtime configuration holding {@code imcp.services.<id>.tools} and {@code imcp.policy.rules}
     */
    public ToolPolicy(RuntimeConfig config) {
        this.config = config;
        this.rules = config.policyRules();
    }

    /**
     * Returns whether {@code caller} may see {@code tool}: what {@code tools/list} shows and what
     * {@code tools/call} accepts.
     *
     * @param caller the authenticated caller, whose roles and scopes select the rules
     * @param tool the tool's descriptor
     * @return {@code false} when the tool is not {@linkplain #published published} or the rules refuse it
     */
    public boolean visible(Caller caller, ToolDescriptor tool) {
        if (!published(tool)) {
            return false;
        }
        if (rules.isEmpty()) {
            return true;
        }
        String qualified = tool.service() + "." + tool.name();
        boolean allowed = false;
        for (PolicyRule rule : rules) {
            if (rule.appliesTo(caller.roles(), caller.scopes())) {
                if (rule.denies(qualified)) {
                    return false;
                }
                allowed |= rule.allows(qualified);
            }
        }
        return allowed;
    }

    /**
     * Returns whether the service's lists publish {@code tool} at all, whoever asks
     * ({@code imcp.services.<id>.tools.allow} and {@code .deny}).
     *
     * @param tool the tool's descriptor
     * @return {@code false} when the tool is denied, or an allow list exists without it
     */
    public boolean published(ToolDescriptor tool) {
        ServiceConfig service = config.service(tool.service());
        if (service.deny().contains(tool.name())) {
            return false;
        }
        return service.allow().isEmpty() || service.allow().contains(tool.name());
    }
}
