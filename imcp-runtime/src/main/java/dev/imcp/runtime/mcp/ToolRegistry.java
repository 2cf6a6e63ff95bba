package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.policy.ToolPolicy;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.spi.Tool;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tool of the adapter by name, in provider and contract order, filtered per caller by {@link ToolPolicy}.
 */
public final class ToolRegistry {

    private final Map<String, RegisteredTool> tools = new LinkedHashMap<>();
    private final ToolPolicy policy;

    /**
     * @param tools the tools of all providers
     * @param policy decides visibility per caller
     * @param mapper the JSON mapper used to parse schemas
     * @throws IllegalStateException when two tools share a name or a schema is malformed
     */
    public ToolRegistry(Collection<Tool<?, ?>> tools, ToolPolicy policy, ObjectMapper mapper) {
        this.policy = policy;
        for (Tool<?, ?> tool : tools) {
            RegisteredTool registered = RegisteredTool.of(tool, mapper);
            RegisteredTool previous = this.tools.putIfAbsent(tool.descriptor().name(), registered);
            if (previous != null) {
                throw new IllegalStateException("Tool name " + tool.descriptor().name() + " is used by services "
                        + previous.descriptor().service() + " and " + tool.descriptor().service());
            }
        }
    }

    /** Returns the tools {@code caller} may see, in registration order. */
    public List<RegisteredTool> visible(Caller caller) {
        return tools.values().stream().filter(t -> policy.visible(caller, t.descriptor())).toList();
    }

    /** Returns tool {@code name} when it exists and {@code caller} may see it. */
    public Optional<RegisteredTool> find(Caller caller, String name) {
        return Optional.ofNullable(tools.get(name)).filter(t -> policy.visible(caller, t.descriptor()));
    }

    /** Returns whether a tool named {@code name} exists, visible to anyone or not. */
    public boolean exists(String name) {
        return tools.containsKey(name);
    }

    /** Returns the ids of the services the registered tools belong to, sorted. */
    public java.util.Set<String> services() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (RegisteredTool tool : tools.values()) {
            ids.add(tool.descriptor().service());
        }
        return ids;
    }

    /**
     * Returns how many tools the service allow and deny lists publish: the tools some caller may see, not counting
     * denied ones.
     */
    public int publishedCount() {
        return (int) tools.values().stream().filter(t -> policy.published(t.descriptor())).count();
    }
}
