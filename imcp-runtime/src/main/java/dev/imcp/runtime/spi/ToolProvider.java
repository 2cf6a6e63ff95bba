package dev.imcp.runtime.spi;

import java.util.List;

/**
 * Supplies the tools of one service; generated per contract and found with {@link java.util.ServiceLoader}.
 */
public interface ToolProvider {

    /** Returns the service the tools belong to. */
    ServiceDescriptor service();

    /**
     * Creates the service's tools, bound to the upstream the runtime configured for it.
     *
     * @param upstream the configured upstream of {@link #service()} (base URL, outbound credentials, timeouts)
     * @return the tools in contract order
     */
    List<Tool<?, ?>> tools(UpstreamContext upstream);
}
