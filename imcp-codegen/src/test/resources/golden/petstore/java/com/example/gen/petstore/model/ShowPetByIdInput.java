package com.example.gen.petstore.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@code ShowPetByIdInput} object of corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 *
 * @param petId The id of the pet to retrieve
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public record ShowPetByIdInput(@JsonProperty("petId") String petId) {
    /**
     * Checks the required components and copies the collections.
     */
    public ShowPetByIdInput {
        Objects.requireNonNull(petId, "petId");
    }
}
