package dev.imcp.runtime.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.audit.SchemaWalk;
import dev.imcp.runtime.config.ResultLimits;
import dev.imcp.runtime.mcp.McpError;
import dev.imcp.runtime.mcp.RegisteredTool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Holds a tool result to its size cap ({@code imcp.services.<id>.max-result-bytes}, per tool
 * {@code tools.<tool>.max-result-bytes}; {@link ResultLimits}), measured as the UTF-8 bytes of the
 * {@code CallToolResult}'s JSON. A result within its cap, or of a tool without one, passes unchanged. Otherwise:
 * <ul>
 * <li>a successful result with {@code structuredContent} is shortened by dropping items from the end of its arrays,
 * the largest array (in bytes) first, never below the array's {@code minItems} in the tool's output schema, until
 * it fits; no string or number is ever cut, so both the {@code structuredContent} and the JSON text item that
 * repeats it stay valid JSON, and the shortened {@code structuredContent} is checked against the output schema
 * ({@link RegisteredTool#outputValidator()}). What was dropped is said in {@code _meta["dev.imcp/truncated"]}
 * ({@code {maxBytes, originalBytes, arrays: [{pointer, kept, total}]}}, {@code pointer} a JSON Pointer (RFC 6901)
 * into {@code structuredContent}) and in a second text item for the model;</li>
 * <li>anything else, and a structured result that dropping array items cannot make fit or would make invalid
 * against the schema, becomes an {@code isError} result saying how many bytes the result had, how far over which
 * cap that was, and how to raise it, with {@code _meta["dev.imcp/resultBytes"]} and
 * {@code _meta["dev.imcp/maxResultBytes"]}. Text and binary content (a non-JSON upstream body) is never cut: cut
 * text may end inside a character, a word or an XML element and still look complete, and cut Base64 is no longer
 * the data.</li>
 * </ul>
 * Put it after {@link ArgumentsLink} (the tool is known) and outside {@link UpstreamCallLink}, whose result is already
 * redacted. The size is that of the newest revision's result; revisions before 2025-06-18 get only the content, so
 * less. Thread-safe.
 */
public final class ResultSizeLink implements InvocationLink {

    /** The {@code _meta} key of a shortened result. */
    public static final String TRUNCATED = "dev.imcp/truncated";

    /** The {@code _meta} key of a refused result's size in bytes. */
    public static final String RESULT_BYTES = "dev.imcp/resultBytes";

    /** The {@code _meta} key of the cap a refused result was over, in bytes. */
    public static final String MAX_RESULT_BYTES = "dev.imcp/maxResultBytes";

    /** How many rounds of dropping items are tried before a result is given up as too large. */
    static final int MAX_ROUNDS = 64;

    private static final System.Logger LOG = System.getLogger(ResultSizeLink.class.getName());

    private final ObjectMapper mapper;
    private final Function<String, ResultLimits> limits;
    private final ToolResults results;

    /**
     * @param mapper the JSON mapper of tool results
     * @param limits service id to its caps (e.g. {@code id -> config.service(id).resultLimits()})
     */
    public ResultSizeLink(ObjectMapper mapper, Function<String, ResultLimits> limits) {
        this.mapper = mapper;
        this.limits = limits;
        this.results = new ToolResults(mapper);
    }

    @Override
    public ObjectNode invoke(ToolInvocation invocation, Next next) throws McpError {
        ObjectNode result = next.proceed(invocation);
        RegisteredTool tool = invocation.tool();
        if (tool == null) {
            return result;
        }
        long cap = limits.apply(invocation.service()).maxBytesOf(tool.descriptor().name());
        if (cap <= 0) {
            return result;
        }
        long size = size(result);
        if (size <= cap) {
            return result;
        }
        boolean structured = result.get("structuredContent") instanceof ObjectNode;
        ObjectNode shortened = structured && !result.path("isError").asBoolean(false) ? shorten(tool, result, size, cap) : null;
        if (shortened != null) {
            LOG.log(System.Logger.Level.INFO, "Tool " + invocation.name() + " answered " + size + " bytes, over its cap of "
                    + cap + " [" + invocation.context().correlationId() + "]: arrays shortened "
                    + shortened.path("_meta").path(TRUNCATED).path("arrays"));
            return shortened;
        }
        LOG.log(System.Logger.Level.INFO, "Tool " + invocation.name() + " answered " + size + " bytes, over its cap of "
                + cap + " [" + invocation.context().correlationId() + "]: refused");
        invocation.status(AuditEvent.Status.ERROR);
        ObjectNode error = results.error(tooLarge(invocation, structured, size, cap));
        error.putObject("_meta").put(RESULT_BYTES, size).put(MAX_RESULT_BYTES, cap);
        return error;
    }

    /** Returns the text of a result refused for its size. */
    private static String tooLarge(ToolInvocation invocation, boolean structured, long size, long cap) {
        String prefix = "imcp.services." + invocation.service() + ".";
        return "The result of tool " + invocation.name() + " is " + size + " bytes, " + (size - cap)
                + " bytes over the cap of " + cap + " bytes, and was not sent: "
                + (structured ? "dropping items from its arrays could not make it fit while keeping it valid. "
                        : "text and binary content is not cut. ")
                + "Ask for less (a narrower query, a smaller page), or raise " + prefix + "tools."
                + invocation.name() + ".max-result-bytes or " + prefix + "max-result-bytes (0: no cap).";
    }

    /** An array of the structured content that may lose items. */
    private record Slot(String pointer, ArrayNode array, int total, int floor) {
        /** Whether the array is still part of {@code root} (not inside an item dropped from an outer array). */
        boolean attached(JsonNode root) {
            return root.at(pointer) == array;
        }
    }

    /**
     * Returns {@code result} with items dropped from the end of the arrays of its {@code structuredContent} until it
     * fits {@code cap}, largest array first; {@code null} when it cannot be made to fit, or the shortened content
     * fails the output schema.
     */
    private ObjectNode shorten(RegisteredTool tool, ObjectNode result, long size, long cap) {
        ObjectNode original = (ObjectNode) result.get("structuredContent");
        ObjectNode structured = original.deepCopy();
        JsonNode schema = tool.outputSchema();
        List<Slot> slots = new ArrayList<>();
        collect(structured, "", schema == null ? List.of() : SchemaWalk.resolve(schema, schema), schema, slots);
        if (slots.isEmpty()) {
            return null;
        }
        String originalText = original.toString();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ObjectNode candidate = build(result, originalText, structured, slots, size, cap);
            long now = size(candidate);
            if (now <= cap) {
                Schema validator = tool.outputValidator();
                return validator == null || validator.validate(structured).isEmpty() ? candidate : null;
            }
            Slot largest = null;
            long largestBytes = -1;
            for (Slot slot : slots) {
                if (slot.array().size() > slot.floor() && slot.attached(structured)) {
                    long bytes = size(slot.array());
                    if (bytes > largestBytes) {
                        largest = slot;
                        largestBytes = bytes;
                    }
                }
            }
            if (largest == null) {
                return null;
            }
            // structuredContent is in the result twice: as JSON and as the escaped text of the first content item
            long structuredBytes = size(structured);
            double perByte = (double) (structuredBytes + size(TextNode.valueOf(structured.toString()))) / structuredBytes;
            long needed = (long) Math.ceil((now - cap) / perByte);
            long dropped = 0;
            ArrayNode array = largest.array();
            while (array.size() > largest.floor() && dropped < needed) {
                dropped += size(array.get(array.size() - 1)) + 1; // the item and its comma
                array.remove(array.size() - 1);
            }
        }
        return null;
    }

    /** Adds a slot for every array in {@code node}, with its {@code minItems} from {@code schemas}. */
    private static void collect(JsonNode node, String pointer, List<JsonNode> schemas, JsonNode root, List<Slot> out) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                collect(property.getValue(), pointer + "/" + property.getKey().replace("~", "~0").replace("/", "~1"),
                        SchemaWalk.property(schemas, property.getKey(), root), root, out);
            }
        } else if (node instanceof ArrayNode array) {
            int floor = 0;
            for (JsonNode s : schemas) {
                floor = Math.max(floor, s.path("minItems").asInt(0));
            }
            out.add(new Slot(pointer, array, array.size(), floor));
            for (int i = 0; i < array.size(); i++) {
                collect(array.get(i), pointer + "/" + i, SchemaWalk.item(schemas, i, root), root, out);
            }
        }
    }

    /**
     * Returns a copy of {@code result} with {@code structured} as its {@code structuredContent}, the text item that
     * repeated the original rewritten, a text item saying what was dropped, and {@code _meta[TRUNCATED]}.
     */
    private ObjectNode build(ObjectNode result, String originalText, ObjectNode structured, List<Slot> slots, long size,
            long cap) {
        ObjectNode out = mapper.createObjectNode();
        result.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        ArrayNode content = out.putArray("content");
        for (JsonNode item : result.path("content")) {
            boolean repeats = "text".equals(item.path("type").asText()) && originalText.equals(item.path("text").asText());
            content.add(repeats ? mapper.createObjectNode().put("type", "text").put("text", structured.toString()) : item);
        }
        out.set("structuredContent", structured);
        ObjectNode meta = result.get("_meta") instanceof ObjectNode m ? m.deepCopy() : mapper.createObjectNode();
        ObjectNode truncated = meta.putObject(TRUNCATED).put("maxBytes", cap).put("originalBytes", size);
        ArrayNode arrays = truncated.putArray("arrays");
        StringBuilder note = new StringBuilder("The result was shortened to fit the size cap of ").append(cap)
                .append(" bytes (it was ").append(size).append(" bytes): items were dropped from the end of ");
        String separator = "";
        for (Slot slot : slots) {
            if (slot.array().size() < slot.total() && slot.attached(structured)) {
                arrays.addObject().put("pointer", slot.pointer()).put("kept", slot.array().size()).put("total", slot.total());
                note.append(separator).append(slot.pointer().isEmpty() ? "the result" : slot.pointer()).append(" (")
                        .append(slot.array().size()).append(" of ").append(slot.total()).append(" kept)");
                separator = ", ";
            }
        }
        note.append(". Everything else is complete; ask for less (a narrower query, a smaller page) to see the rest.");
        content.addObject().put("type", "text").put("text", note.toString());
        out.set("_meta", meta);
        return out;
    }

    private long size(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            return Long.MAX_VALUE;
        }
    }
}
