package com.example.gen.weather;

import com.example.gen.weather.model.CreateAlertInput;
import com.example.gen.weather.model.CreateAlertOutput;
import com.example.gen.weather.model.DeleteAlertInput;
import com.example.gen.weather.model.GetForecastInput;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.HttpUpstream;
import dev.imcp.runtime.spi.UpstreamContext;
import dev.imcp.runtime.spi.UpstreamException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The upstream stub of service {@code weather}, generated from mcpjson/weather.mcp.json.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public final class WeatherUpstream {
    private final HttpUpstream http;

    /**
     * Creates the stub.
     *
     * @param upstream the runtime's configured access to the service
     */
    public WeatherUpstream(UpstreamContext upstream) {
        this.http = upstream.http();
    }

    /**
     * Calls operation {@code get_forecast}.
     *
     * @param input the tool's arguments
     * @return the upstream's result
     */
    public Object getForecast(GetForecastInput input) throws UpstreamException {
        HttpCall call = HttpCall.builder("GET", "/forecast/{city}")
                .pathParam("city", input.city())
                .query("days", input.days())
                .query("units", input.units())
                .build();
        return http.exchange(call, Object.class);
    }

    /**
     * Calls operation {@code create_alert}.
     *
     * @param input the tool's arguments
     * @return the upstream's result
     */
    public CreateAlertOutput createAlert(CreateAlertInput input) throws UpstreamException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (input.city() != null) {
            body.put("city", input.city());
        }
        if (input.threshold() != null) {
            body.put("threshold", input.threshold());
        }
        if (input.tags() != null) {
            body.put("tags", input.tags());
        }
        if (input.class_() != null) {
            body.put("class", input.class_());
        }
        HttpCall call = HttpCall.builder("POST", "/alerts")
                .body(body)
                .build();
        return http.exchange(call, CreateAlertOutput.class);
    }

    /**
     * Calls operation {@code delete_alert}.
     *
     * @param input the tool's arguments
     * @return the upstream's result
     */
    public Object deleteAlert(DeleteAlertInput input) throws UpstreamException {
        HttpCall call = HttpCall.builder("DELETE", "/alerts/{id}")
                .pathParam("id", input.id())
                .build();
        return http.exchange(call, Object.class);
    }
}
