package com.example.gen.weather;

import com.example.gen.weather.model.DeleteAlertInput;
import dev.imcp.runtime.spi.CallContext;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolSchemas;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Deletes an alert.
 *
 * <p>MCP tool {@code delete_alert}, generated from mcpjson/weather.mcp.json.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public final class DeleteAlertTool implements Tool<DeleteAlertInput, Object> {
    /**
     * The tool's name in {@code tools/list}.
     */
    public static final String NAME = "delete_alert";

    private final WeatherUpstream upstream;

    private final ToolDescriptor descriptor;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     * @param schemas the service's tool schemas (resource {@code tool-schemas.json})
     */
    public DeleteAlertTool(WeatherUpstream upstream, ToolSchemas schemas) {
        this.upstream = upstream;
        this.descriptor = new ToolDescriptor(
                "weather",
                NAME,
                null,
                "Deletes an alert.",
                schemas.input(NAME),
                schemas.output(NAME),
                null,
                Map.of("destructiveHint", true, "idempotentHint", true, "openWorldHint", true));
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Class<DeleteAlertInput> inputType() {
        return DeleteAlertInput.class;
    }

    @Override
    public Object call(CallContext context, DeleteAlertInput input) throws Exception {
        return upstream.deleteAlert(input);
    }
}
