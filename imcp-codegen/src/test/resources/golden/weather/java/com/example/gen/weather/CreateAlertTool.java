package com.example.gen.weather;

import com.example.gen.weather.model.CreateAlertInput;
import com.example.gen.weather.model.CreateAlertOutput;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Creates a weather alert.
 *
 * <p>MCP tool {@code create_alert}, generated from mcpjson/weather.mcp.json.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public final class CreateAlertTool implements Tool<CreateAlertInput, CreateAlertOutput> {
    /**
     * The descriptor published in {@code tools/list}.
     */
    public static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "weather",
            "create_alert",
            "Create alert",
            "Creates a weather alert.",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"threshold\":{\"type\":\"number\",\"description\":\"Temperature in degrees Celsius\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"class\":{\"type\":[\"string\",\"null\"]}},\"required\":[\"city\",\"threshold\"]}",
            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"created\":{\"type\":\"boolean\"}},\"required\":[\"id\"]}",
            null,
            Map.of("idempotentHint", false, "openWorldHint", true));

    private final WeatherUpstream upstream;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     */
    public CreateAlertTool(WeatherUpstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<CreateAlertInput> inputType() {
        return CreateAlertInput.class;
    }

    @Override
    public CreateAlertOutput call(CreateAlertInput input) throws Exception {
        return upstream.createAlert(input);
    }
}
