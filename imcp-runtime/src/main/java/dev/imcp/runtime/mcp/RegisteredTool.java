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

/**
 * A tool with its schemas parsed once at start-up: the published {@code Tool} object of
 * {@code tools/list} and the compiled input schema (JSON Schema 2020-12, unless the schema's
 * {@code $schema} names another draft). Validation errors locate fields as JSON paths ({@code $.field}).
 *
 * @param tool the tool
 * @param inputSchema the parsed input schema
 * @param validator the compiled input schema
 * @param published the {@code tools/list} entry
 */
public record RegisteredTool(Tool<?, ?> tool, ObjectNode inputSchema, Schema validator, ObjectNode published) {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                    .pathType(com.networknt.schema.path.PathType.JSON_PATH).build()));

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
        if (d.outputSchema() != null) {
            entry.set("outputSchema", parseObject(mapper, d.outputSchema(), d.name(), "outputSchema"));
        }
        if (!d.annotations().isEmpty()) {
            ObjectNode annotations = entry.putObject("annotations");
            d.annotations().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> annotations.put(e.getKey(), e.getValue()));
        }
        return new RegisteredTool(tool, input, SCHEMAS.getSchema(input), entry);
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
}
