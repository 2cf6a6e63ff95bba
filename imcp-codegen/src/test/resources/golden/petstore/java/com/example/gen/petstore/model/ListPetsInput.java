package com.example.gen.petstore.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import javax.annotation.processing.Generated;

/**
 * The {@code ListPetsInput} object of corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 *
 * @param limit How many items to return at one time (max 100)
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public record ListPetsInput(@JsonProperty("limit") Integer limit) {
}
