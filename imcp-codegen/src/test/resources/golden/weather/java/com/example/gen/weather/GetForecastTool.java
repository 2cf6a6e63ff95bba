package com.example.gen.weather;

import com.example.gen.weather.model.GetForecastInput;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
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
     * The descriptor published in {@code tools/list}.
     */
    public static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "weather",
            "get_forecast",
            null,
            "Returns the forecast for a city. Don't close comments */ here; @see nothing.",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name, e.g. Zurich\"},\"days\":{\"type\":\"integer\",\"maximum\":10,\"minimum\":1,\"default\":3},\"units\":{\"type\":\"string\",\"enum\":[\"metric\",\"imperial\"],\"default\":\"metric\"}},\"required\":[\"city\"]}",
            null,
            null,
            Map.of("openWorldHint", true, "readOnlyHint", true));

    private final WeatherUpstream upstream;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     */
    public GetForecastTool(WeatherUpstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<GetForecastInput> inputType() {
        return GetForecastInput.class;
    }

    @Override
    public Object call(GetForecastInput input) throws Exception {
        return upstream.getForecast(input);
    }
}
