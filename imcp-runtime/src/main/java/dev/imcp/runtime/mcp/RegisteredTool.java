package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * A tool with its schemas parsed once at start-up: the published {@code Tool} object of {@code tools/list}, and the
 * input schema compiled on the tool's first call (JSON Schema 2020-12, unless the schema's {@code $schema} names
 * another draft), so an adapter with a thousand tools answers {@code tools/list} without compiling a thousand
 * schemas (or loading the validator at all). Validation errors locate fields as JSON paths ({@code $.field}).
 *
 * @param tool the tool
 * @param inputSchema the parsed input schema
 * @param compiled the compiled input schema, made on first use ({@link #validator()})
 * @param published the {@code tools/list} entry
 * @param compiledOutput the compiled output schema, made on first use ({@link #outputValidator()}); gives
 *     {@code null} when the tool publishes none
 */
public record RegisteredTool(Tool<?, ?> tool, ObjectNode inputSchema, Supplier<Schema> compiled, ObjectNode published,
        Supplier<Schema> compiledOutput) {

    /** The validator's registry, made on the first compilation. */
    private static final class Schemas {
        static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                        .pathType(com.networknt.schema.path.PathType.JSON_PATH).build()));
    }

    /** Returns the compiled input schema, compiling it on the first call (thread-safe, once). */
    public Schema validator() {
        return compiled.get();
    }

    /**
     * Returns the compiled output schema, compiling it on the first call (thread-safe, once), or {@code null} when the
     * tool publishes no {@code outputSchema}. Used to check a result that redaction changed.
     */
    public Schema outputValidator() {
        return compiledOutput.get();
    }

    /** Returns the tool's descriptor. */
    public ToolDescriptor descriptor() {
        return tool.descriptor();
    }

    /**
     * Parses and compiles the tool's schemas.
     *
     * @param tool the tool
     * @param mapper the JSON mapper
     * @return the registered tool
     * @throws IllegalStateException when a schema is not a JSON object (the message names the tool)
     */
    public static RegisteredTool of(Tool<?, ?> tool, ObjectMapper mapper) {
        ToolDescriptor d = tool.descriptor();
        ObjectNode input = parseObject(mapper, d.inputSchema(), d.name(), "inputSchema");
        ObjectNode entry = mapper.createObjectNode();
        entry.put("name", d.name());
        if (d.title() != null) {
            entry.put("title", d.title());
        }
        if (d.description() != null) {
            entry.put("description", d.description());
        }
        entry.set("inputSchema", input);
        ObjectNode output = d.outputSchema() == null ? null : parseObject(mapper, d.outputSchema(), d.name(), "outputSchema");
        if (output != null) {
            entry.set("outputSchema", output);
        }
        if (!d.annotations().isEmpty()) {
            ObjectNode annotations = entry.putObject("annotations");
            d.annotations().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> annotations.put(e.getKey(), e.getValue()));
        }
        return new RegisteredTool(tool, input, once(() -> Schemas.REGISTRY.getSchema(input)), entry,
                output == null ? () -> null : once(() -> Schemas.REGISTRY.getSchema(output)));
    }

    private static ObjectNode parseObject(ObjectMapper mapper, String json, String tool, String what) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new IllegalStateException("Tool " + tool + ": " + what + " is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        throw new IllegalStateException("Tool " + tool + ": " + what + " must be a JSON object");
    }

    /** Returns a supplier that calls {@code make} once, on its first use, and then returns that value. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = make.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
