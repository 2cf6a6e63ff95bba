package com.example.gen.weather;

import com.example.gen.weather.model.DeleteAlertInput;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
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
     * The descriptor published in {@code tools/list}.
     */
    public static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "weather",
            "delete_alert",
            null,
            "Deletes an alert.",
            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}",
            null,
            null,
            Map.of("destructiveHint", true, "idempotentHint", true, "openWorldHint", true));

    private final WeatherUpstream upstream;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     */
    public DeleteAlertTool(WeatherUpstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<DeleteAlertInput> inputType() {
        return DeleteAlertInput.class;
    }

    @Override
    public Object call(DeleteAlertInput input) throws Exception {
        return upstream.deleteAlert(input);
    }
}
