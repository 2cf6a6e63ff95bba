package com.example.gen.weather.model;

import com.fasterxml.jackson.annotation.JsonValue;
import javax.annotation.processing.Generated;

/**
 * The allowed values of {@code GetForecastInputUnits}.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public enum GetForecastInputUnits {
    /**
     * The wire value {@code metric}.
     */
    METRIC("metric"),

    /**
     * The wire value {@code imperial}.
     */
    IMPERIAL("imperial");

    private final String value;

    GetForecastInputUnits(String value) {
        this.value = value;
    }

    /**
     * Returns the value as the contract spells it.
     */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * Returns the wire value, so query and path parameters carry it.
     */
    @Override
    public String toString() {
        return value;
    }
}
