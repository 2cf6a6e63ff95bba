package com.example.gen.weather;

import com.example.gen.weather.model.CreateAlertInput;
import com.example.gen.weather.model.CreateAlertOutput;
import dev.imcp.runtime.spi.CallContext;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolSchemas;
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
     * The tool's name in {@code tools/list}.
     */
    public static final String NAME = "create_alert";

    private final WeatherUpstream upstream;

    private final ToolDescriptor descriptor;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     * @param schemas the service's tool schemas (resource {@code tool-schemas.json})
     */
    public CreateAlertTool(WeatherUpstream upstream, ToolSchemas schemas) {
        this.upstream = upstream;
        this.descriptor = new ToolDescriptor(
                "weather",
                NAME,
                "Create alert",
                "Creates a weather alert.",
                schemas.input(NAME),
                schemas.output(NAME),
                null,
                Map.of("destructiveHint", true, "idempotentHint", false, "openWorldHint", true));
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Class<CreateAlertInput> inputType() {
        return CreateAlertInput.class;
    }

    @Override
    public CreateAlertOutput call(CallContext context, CreateAlertInput input) throws Exception {
        return upstream.createAlert(input);
    }
}
