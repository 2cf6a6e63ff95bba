package dev.imcp.runtime.policy;

import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.spi.ToolDescriptor;

/** Decides whether a caller may see (and so call) a tool, from the per-service allow and deny lists. */
public final class ToolPolicy {

    private final RuntimeConfig config;

    /**
     * @param config the runtime configuration holding {@code imcp.services.<id>.tools}
     */
    public ToolPolicy(RuntimeConfig config) {
        this.config = config;
    }

    /**
     * Returns whether {@code caller} may see {@code tool}.
     *
     * @param caller the authenticated caller (reserved for per-role rules; all callers are treated alike today)
     * @param tool the tool's descriptor
     * @return {@code false} when the tool is not {@linkplain #published published}
     */
    public boolean visible(Caller caller, ToolDescriptor tool) {
        return published(tool);
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
