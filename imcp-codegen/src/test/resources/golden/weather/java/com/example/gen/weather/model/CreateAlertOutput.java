package com.example.gen.weather.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@code CreateAlertOutput} object of mcpjson/weather.mcp.json.
 *
 * @param id the {@code id} property
 * @param created the {@code created} property
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public record CreateAlertOutput(@JsonProperty("id") String id,
        @JsonProperty("created") Boolean created) {
    /**
     * Checks the required components and copies the collections.
     */
    public CreateAlertOutput {
        Objects.requireNonNull(id, "id");
    }
}
