package com.example.gen.weather.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@code CreateAlertInput} object of mcpjson/weather.mcp.json.
 *
 * @param city the {@code city} property
 * @param threshold Temperature in degrees Celsius
 * @param tags the {@code tags} property
 * @param class_ the {@code class} property
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "mcpjson/weather.mcp.json"
)
public record CreateAlertInput(@JsonProperty("city") String city,
        @JsonProperty("threshold") Double threshold, @JsonProperty("tags") List<String> tags,
        @JsonProperty("class") String class_) {
    /**
     * Checks the required components and copies the collections.
     */
    public CreateAlertInput {
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(threshold, "threshold");
        tags = tags == null ? null : Collections.unmodifiableList(new ArrayList<>(tags));
    }
}
