package com.example.gen.petstore;

import com.example.gen.petstore.model.ListPetsInput;
import com.example.gen.petstore.model.Pet;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * List all pets
 *
 * <p>MCP tool {@code listPets}, generated from corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public final class ListPetsTool implements Tool<ListPetsInput, List<Pet>> {
    /**
     * The descriptor published in {@code tools/list}.
     */
    public static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "petstore",
            "listPets",
            "List all pets",
            "List all pets",
            "{\"type\":\"object\",\"properties\":{\"limit\":{\"type\":\"integer\",\"description\":\"How many items to return at one time (max 100)\",\"format\":\"int32\",\"maximum\":100}}}",
            "{\"type\":\"object\",\"properties\":{\"result\":{\"type\":\"array\",\"description\":\"A paged array of pets\",\"maxItems\":100,\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\",\"format\":\"int64\"},\"name\":{\"type\":\"string\"},\"tag\":{\"type\":\"string\"}},\"required\":[\"id\",\"name\"]}}},\"required\":[\"result\"]}",
            "result",
            Map.of("openWorldHint", true, "readOnlyHint", true));

    private final PetstoreUpstream upstream;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     */
    public ListPetsTool(PetstoreUpstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ListPetsInput> inputType() {
        return ListPetsInput.class;
    }

    @Override
    public List<Pet> call(ListPetsInput input) throws Exception {
        return upstream.listPets(input);
    }
}
