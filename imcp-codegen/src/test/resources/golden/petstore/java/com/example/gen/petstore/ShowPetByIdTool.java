package com.example.gen.petstore;

import com.example.gen.petstore.model.Pet;
import com.example.gen.petstore.model.ShowPetByIdInput;
import dev.imcp.runtime.spi.CallContext;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolSchemas;
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
     * The tool's name in {@code tools/list}.
     */
    public static final String NAME = "showPetById";

    private final PetstoreUpstream upstream;

    private final ToolDescriptor descriptor;

    /**
     * Creates the tool.
     *
     * @param upstream the service's upstream stub
     * @param schemas the service's tool schemas (resource {@code tool-schemas.json})
     */
    public ShowPetByIdTool(PetstoreUpstream upstream, ToolSchemas schemas) {
        this.upstream = upstream;
        this.descriptor = new ToolDescriptor(
                "petstore",
                NAME,
                null,
                "Info for a specific pet",
                schemas.input(NAME),
                schemas.output(NAME),
                null,
                Map.of("openWorldHint", true, "readOnlyHint", true));
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Class<ShowPetByIdInput> inputType() {
        return ShowPetByIdInput.class;
    }

    @Override
    public Pet call(CallContext context, ShowPetByIdInput input) throws Exception {
        return upstream.showPetById(input);
    }
}
