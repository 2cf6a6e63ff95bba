package com.example.gen.weather.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@code GetForecastInput} object of mcpjson/weather.mcp.json.
 *
 * @param city City name, e.g. Zurich
 * @param days the {@code days} property
 * @param units the {@code units} property
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public record GetForecastInput(@JsonProperty("city") String city, @JsonProperty("days") Long days,
        @JsonProperty("units") GetForecastInputUnits units) {
    /**
     * Checks the required components and copies the collections.
     */
    public GetForecastInput {
        Objects.requireNonNull(city, "city");
    }
}
