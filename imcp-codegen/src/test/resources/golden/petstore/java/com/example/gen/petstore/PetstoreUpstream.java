package com.example.gen.petstore;

import com.example.gen.petstore.model.CreatePetsInput;
import com.example.gen.petstore.model.ListPetsInput;
import com.example.gen.petstore.model.Pet;
import com.example.gen.petstore.model.ShowPetByIdInput;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.HttpUpstream;
import dev.imcp.runtime.spi.Types;
import dev.imcp.runtime.spi.UpstreamContext;
import dev.imcp.runtime.spi.UpstreamException;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The upstream stub of service {@code petstore}, generated from corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public final class PetstoreUpstream {
    private final HttpUpstream http;

    /**
     * Creates the stub.
     *
     * @param upstream the runtime's configured access to the service
     */
    public PetstoreUpstream(UpstreamContext upstream) {
        this.http = upstream.http();
    }

    /**
     * Calls operation {@code listPets}.
     *
     * @param input the tool's arguments
     * @return the upstream's result
     */
    public List<Pet> listPets(ListPetsInput input) throws UpstreamException {
        HttpCall call = HttpCall.builder("GET", "/pets")
                .param("query", "limit", "form", true, false, input.limit())
                .build();
        return http.exchange(call, Types.listOf(Pet.class));
    }

    /**
     * Calls operation {@code createPets}.
     *
     * @param input the tool's arguments
     * @return {@code null}
     */
    public Void createPets(CreatePetsInput input) throws UpstreamException {
        HttpCall call = HttpCall.builder("POST", "/pets")
                .body(input.body())
                .build();
        return http.exchange(call, Void.class);
    }

    /**
     * Calls operation {@code showPetById}.
     *
     * @param input the tool's arguments
     * @return the upstream's result
     */
    public Pet showPetById(ShowPetByIdInput input) throws UpstreamException {
        HttpCall call = HttpCall.builder("GET", "/pets/{petId}")
                .param("path", "petId", "simple", false, false, input.petId())
                .build();
        return http.exchange(call, Pet.class);
    }
}
