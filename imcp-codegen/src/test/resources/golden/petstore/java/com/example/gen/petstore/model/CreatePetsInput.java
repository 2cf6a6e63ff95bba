package com.example.gen.petstore.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@code CreatePetsInput} object of corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 *
 * @param body the {@code body} property
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public record CreatePetsInput(@JsonProperty("body") Pet body) {
    /**
     * Checks the required components and copies the collections.
     */
    public CreatePetsInput {
        Objects.requireNonNull(body, "body");
    }
}
