package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.imcp.descriptor.JsonText;
import dev.imcp.descriptor.PublishedTool;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A registered tool: its {@code tools/list} entry and its input schema, kept as the JSON text the descriptor gives
 * until something needs them as trees. {@code tools/list} writes the schema text as it is
 * ({@link #listEntry(String)}), so an adapter with a thousand large tools neither parses nor holds a thousand
 * schema trees at start-up; the input schema is parsed on the tool's first call ({@link #inputSchema()}) and
 * compiled there too ({@link #validator()}: JSON Schema 2020-12, unless the schema's {@code $schema} names
 * another draft). Validation errors locate fields as JSON paths ({@code $.field}). Thread-safe.
 */
public final class RegisteredTool {

    /** The validator's registry, made on the first compilation. */
    private static final class Schemas {
        static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                        .pathType(com.networknt.schema.path.PathType.JSON_PATH).build()));
    }

    private final Tool<?, ?> tool;
    private final ObjectMapper mapper;
    private final JsonText inputText;
    private final JsonText outputText;
    private final PublishedTool published;
    private final Supplier<ObjectNode> inputSchema;
    private final Supplier<Schema> compiled;
    private final Supplier<ObjectNode> outputSchema;
    private final Supplier<Schema> compiledOutput;

    private RegisteredTool(Tool<?, ?> tool, ObjectMapper mapper, JsonText inputText, JsonText outputText) {
        this.tool = tool;
        this.mapper = mapper;
        this.inputText = inputText;
        this.outputText = outputText;
        ToolDescriptor d = tool.descriptor();
        this.published = new PublishedTool(d.name(), d.title(), d.description(), inputText, outputText,
                d.annotations());
        this.inputSchema = once(() -> parseObject(mapper, inputText, d.name(), "inputSchema"));
        this.compiled = once(() -> Schemas.REGISTRY.getSchema(inputSchema.get()));
        this.outputSchema = once(() -> outputText == null ? NO_SCHEMA
                : parseObject(mapper, outputText, d.name(), "outputSchema"));
        this.compiledOutput = outputText == null ? () -> null : once(() -> Schemas.REGISTRY.getSchema(outputSchema()));
    }

    /** Stands for "no output schema" in the once-supplier, which takes {@code null} for "not made yet". */
    private static final ObjectNode NO_SCHEMA = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    /** Returns the tool. */
    public Tool<?, ?> tool() {
        return tool;
    }

    /** Returns the input schema, parsed on the first call (thread-safe, once; shared: never modify it). */
    public ObjectNode inputSchema() {
        return inputSchema.get();
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
     * Returns the output schema, parsed on the first call (thread-safe, once; shared: never modify it), or
     * {@code null} when the tool publishes none.
     */
    public ObjectNode outputSchema() {
        ObjectNode schema = outputSchema.get();
        return schema == NO_SCHEMA ? null : schema;
    }

    /**
     * Checks the descriptor's schemas (each must be one JSON object; read as tokens, no tree is kept) and
     * registers the tool. A schema written over several lines is kept re-written on one (a message on the stdio
     * transport is one line). The generated tools' schemas, which {@link dev.imcp.runtime.spi.ToolSchemas} has read
     * already ({@link JsonText#compact()}), are taken as they are.
     *
     * @param tool the tool
     * @param mapper the JSON mapper
     * @return the registered tool
     * @throws IllegalStateException when a schema is not a JSON object (the message names the tool)
     */
    public static RegisteredTool of(Tool<?, ?> tool, ObjectMapper mapper) {
        ToolDescriptor d = tool.descriptor();
        JsonText input = oneLine(mapper, d.inputSchemaText(), d.name(), "inputSchema");
        JsonText output = d.outputSchemaText() == null ? null
                : oneLine(mapper, d.outputSchemaText(), d.name(), "outputSchema");
        return new RegisteredTool(tool, mapper, input, output);
    }

    /**
     * Returns the {@code tools/list} entry as {@code version} defines it (members the revision lacks left out, see
     * {@link RevisionFields#toolMembers(String)}), as a value that writes itself: the schemas go out as the
     * descriptor's text, unparsed. {@link PublishedTool} writes it, as it writes the generated {@code tools.json} and
     * the lockfile's entries.
     *
     * @param version the request's revision
     * @return the entry, for a JSON array or a POJO node
     */
    public JsonSerializable listEntry(String version) {
        Set<String> allowed = RevisionFields.toolMembers(version);
        return new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
                published.write(g, allowed);
            }

            @Override
            public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type)
                    throws IOException {
                serialize(g, provider);
            }
        };
    }

    /**
     * Reads {@code json} as tokens and fails unless it is exactly one JSON object; returns it as given when it holds
     * no line break, else re-written compactly.
     */
    private static JsonText oneLine(ObjectMapper mapper, JsonText text, String tool, String what) {
        if (text.compact()) {
            return text; // read and cut out already (the generated tools' schemas)
        }
        String json = text.toString();
        boolean lines = json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0;
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                java.io.StringWriter compact = lines ? new java.io.StringWriter(json.length()) : null;
                if (lines) {
                    try (JsonGenerator g = mapper.getFactory().createGenerator(compact)) {
                        g.copyCurrentStructure(p);
                    }
                } else {
                    p.skipChildren();
                }
                if (p.nextToken() == null) {
                    return lines ? JsonText.of(compact.toString()) : text;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Tool " + tool + ": " + what + " is not valid JSON: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        throw new IllegalStateException("Tool " + tool + ": " + what + " must be a JSON object");
    }

    private static ObjectNode parseObject(ObjectMapper mapper, JsonText json, String tool, String what) {
        try {
            JsonNode node = mapper.readTree(json.utf8Stream());
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
