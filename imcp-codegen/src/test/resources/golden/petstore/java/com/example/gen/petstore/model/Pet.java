package com.example.gen.petstore.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@code Pet} object of corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 *
 * @param id the {@code id} property
 * @param name the {@code name} property
 * @param tag the {@code tag} property
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public record Pet(@JsonProperty("id") Long id, @JsonProperty("name") String name,
        @JsonProperty("tag") String tag) {
    /**
     * Checks the required components and copies the collections.
     */
    public Pet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
