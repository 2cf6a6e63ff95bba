package com.example.gen.petstore;

import com.example.gen.petstore.model.CreatePetsInput;
import dev.imcp.runtime.spi.CallContext;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolSchemas;
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
     * The tool's name in {@code tools/list}.
     */
    public static final String NAME = "createPets";

    private final PetstoreUpstream upstream;

    private final ToolDescriptor descriptor;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     * @param schemas the service's tool schemas (resource {@code tool-schemas.json})
     */
    public CreatePetsTool(PetstoreUpstream upstream, ToolSchemas schemas) {
        this.upstream = upstream;
        this.descriptor = new ToolDescriptor(
                "petstore",
                NAME,
                null,
                "Create a pet",
                schemas.input(NAME),
                schemas.output(NAME),
                null,
                Map.of("destructiveHint", true, "idempotentHint", false, "openWorldHint", true));
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Class<CreatePetsInput> inputType() {
        return CreatePetsInput.class;
    }

    @Override
    public Void call(CallContext context, CreatePetsInput input) throws Exception {
        return upstream.createPets(input);
    }
}
