package com.example.gen.weather.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@code DeleteAlertInput} object of mcpjson/weather.mcp.json.
 *
 * @param id the {@code id} property
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public record DeleteAlertInput(@JsonProperty("id") String id) {
    /**
     * Checks the required components and copies the collections.
     */
    public DeleteAlertInput {
        Objects.requireNonNull(id, "id");
    }
}
