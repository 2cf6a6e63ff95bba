package com.example.gen.petstore;

import com.example.gen.petstore.model.Pet;
import com.example.gen.petstore.model.ShowPetByIdInput;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Info for a specific pet
 *
 * <p>MCP tool {@code showPetById}, generated from corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public final class ShowPetByIdTool implements Tool<ShowPetByIdInput, Pet> {
    /**
     * The descriptor published in {@code tools/list}.
     */
    public static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "petstore",
            "showPetById",
            "Info for a specific pet",
            "Info for a specific pet",
            "{\"type\":\"object\",\"properties\":{\"petId\":{\"type\":\"string\",\"description\":\"The id of the pet to retrieve\"}},\"required\":[\"petId\"]}",
            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\",\"format\":\"int64\"},\"name\":{\"type\":\"string\"},\"tag\":{\"type\":\"string\"}},\"required\":[\"id\",\"name\"]}",
            null,
            Map.of("openWorldHint", true, "readOnlyHint", true));

    private final PetstoreUpstream upstream;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     */
    public ShowPetByIdTool(PetstoreUpstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ShowPetByIdInput> inputType() {
        return ShowPetByIdInput.class;
    }

    @Override
    public Pet call(ShowPetByIdInput input) throws Exception {
        return upstream.showPetById(input);
    }
}
