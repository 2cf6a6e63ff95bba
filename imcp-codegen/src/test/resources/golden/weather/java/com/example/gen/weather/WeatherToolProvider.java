package com.example.gen.weather;

import dev.imcp.runtime.spi.NamedUpstreams;
import dev.imcp.runtime.spi.RestSecurity;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.ToolSchemas;
import dev.imcp.runtime.spi.UpstreamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The tools of service {@code weather}, generated from mcpjson/weather.mcp.json.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public final class WeatherToolProvider implements ToolProvider {
    /**
     * The service the contract describes.
     */
    public static final ServiceDescriptor SERVICE = new ServiceDescriptor(
            "weather",
            "mcp-json",
            "Weather",
            "1.2.0",
            "6e840861cbcbbec471034755b5916490370146f557210690404b6ec63ddb911e",
            "mcpjson/weather.mcp.json",
            "https://api.example.com/v1",
            Map.of(),
            RestSecurity.NONE,
            NamedUpstreams.NONE);

    /**
     * Creates the provider; {@link java.util.ServiceLoader} calls this.
     */
    public WeatherToolProvider() {
    }

    @Override
    public ServiceDescriptor service() {
        return SERVICE;
    }

    @Override
    public List<Tool<?, ?>> tools(UpstreamContext upstream) {
        WeatherUpstream stub = new WeatherUpstream(upstream);
        ToolSchemas schemas = ToolSchemas.load(WeatherToolProvider.class);
        List<Tool<?, ?>> tools = new ArrayList<>(3);
        tools.add(new GetForecastTool(stub, schemas));
        tools.add(new CreateAlertTool(stub, schemas));
        tools.add(new DeleteAlertTool(stub, schemas));
        return List.copyOf(tools);
    }
}
