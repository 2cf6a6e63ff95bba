package com.example.gen.petstore;

import dev.imcp.runtime.spi.NamedUpstreams;
import dev.imcp.runtime.spi.RestSecurity;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.ToolSchemas;
import dev.imcp.runtime.spi.UpstreamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The tools of service {@code petstore}, generated from corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml.
 */
@Generated(
        value = "dev.imcp.codegen",
        comments = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"
)
public final class PetstoreToolProvider implements ToolProvider {
    /**
     * The service the contract describes.
     */
    public static final ServiceDescriptor SERVICE = new ServiceDescriptor(
            "petstore",
            "openapi",
            "Swagger Petstore",
            "1.0.0",
            "598136cb904e17e8eeead51ae33dd8d401fdff455d2d74f3869c4aa5f2742266",
            "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml",
            "http://petstore.swagger.io/v1",
            Map.of(),
            RestSecurity.NONE,
            NamedUpstreams.NONE);

    /**
     * Creates the provider; {@link java.util.ServiceLoader} calls this.
     */
    public PetstoreToolProvider() {
    }

    @Override
    public ServiceDescriptor service() {
        return SERVICE;
    }

    @Override
    public List<Tool<?, ?>> tools(UpstreamContext upstream) {
        PetstoreUpstream stub = new PetstoreUpstream(upstream);
        ToolSchemas schemas = ToolSchemas.load(PetstoreToolProvider.class);
        List<Tool<?, ?>> tools = new ArrayList<>(3);
        tools.add(new ListPetsTool(stub, schemas));
        tools.add(new CreatePetsTool(stub, schemas));
        tools.add(new ShowPetByIdTool(stub, schemas));
        return List.copyOf(tools);
    }
}
