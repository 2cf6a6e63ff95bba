package com.example.gen.petstore;

import com.example.gen.petstore.model.ListPetsInput;
import com.example.gen.petstore.model.Pet;
import dev.imcp.runtime.spi.CallContext;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolSchemas;
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
     * The tool's name in {@code tools/list}.
     */
    public static final String NAME = "listPets";

    private final PetstoreUpstream upstream;

    private final ToolDescriptor descriptor;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     * @param schemas the service's tool schemas (resource {@code tool-schemas.json})
     */
    public ListPetsTool(PetstoreUpstream upstream, ToolSchemas schemas) {
        this.upstream = upstream;
        this.descriptor = new ToolDescriptor(
                "petstore",
                NAME,
                null,
                "List all pets",
                schemas.input(NAME),
                schemas.output(NAME),
                "result",
                Map.of("openWorldHint", true, "readOnlyHint", true));
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Class<ListPetsInput> inputType() {
        return ListPetsInput.class;
    }

    @Override
    public List<Pet> call(CallContext context, ListPetsInput input) throws Exception {
        return upstream.listPets(input);
    }
}
