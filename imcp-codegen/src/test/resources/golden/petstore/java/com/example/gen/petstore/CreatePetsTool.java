package com.example.gen.petstore;

import com.example.gen.petstore.model.CreatePetsInput;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Create a pet
 *
 * <p>MCP tool {@code createPets}, generated from corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public final class CreatePetsTool implements Tool<CreatePetsInput, Void> {
    /**
     * The descriptor published in {@code tools/list}.
     */
    public static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "petstore",
            "createPets",
            "Create a pet",
            "Create a pet",
            "{\"type\":\"object\",\"properties\":{\"body\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\",\"format\":\"int64\"},\"name\":{\"type\":\"string\"},\"tag\":{\"type\":\"string\"}},\"required\":[\"id\",\"name\"]}},\"required\":[\"body\"]}",
            null,
            null,
            Map.of("openWorldHint", true));

    private final PetstoreUpstream upstream;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     */
    public CreatePetsTool(PetstoreUpstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<CreatePetsInput> inputType() {
        return CreatePetsInput.class;
    }

    @Override
    public Void call(CreatePetsInput input) throws Exception {
        return upstream.createPets(input);
    }
}
