package com.example.gen.weather;

import com.example.gen.weather.model.GetForecastInput;
import dev.imcp.runtime.spi.CallContext;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolSchemas;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Returns the forecast for a city. Don't close comments *&#47; here; &#64;see nothing.
 *
 * <p>MCP tool {@code get_forecast}, generated from mcpjson/weather.mcp.json.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public final class GetForecastTool implements Tool<GetForecastInput, Object> {
    /**
     * The tool's name in {@code tools/list}.
     */
    public static final String NAME = "get_forecast";

    private final WeatherUpstream upstream;

    private final ToolDescriptor descriptor;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     * @param schemas the service's tool schemas (resource {@code tool-schemas.json})
     */
    public GetForecastTool(WeatherUpstream upstream, ToolSchemas schemas) {
        this.upstream = upstream;
        this.descriptor = new ToolDescriptor(
                "weather",
                NAME,
                null,
                "Returns the forecast for a city. Don't close comments */ here; @see nothing.",
                schemas.input(NAME),
                schemas.output(NAME),
                null,
                Map.of("openWorldHint", true, "readOnlyHint", true));
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Class<GetForecastInput> inputType() {
        return GetForecastInput.class;
    }

    @Override
    public Object call(CallContext context, GetForecastInput input) throws Exception {
        return upstream.getForecast(input);
    }
}
