package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import dev.imcp.runtime.mcp.RegisteredTool;
import dev.imcp.runtime.upstream.JsonMapping;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prepares a caller's {@code arguments} for a tool: applies the input schema's top-level {@code default}
 * values, validates against the schema and binds to the tool's input type. Each failure names the
 * offending field as a JSON path ({@code $.field}).
 */
final class ArgumentBinder {

    private final ObjectMapper mapper;

    ArgumentBinder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Returns a copy of {@code arguments} with each omitted top-level property that has a {@code default} set to it. */
    ObjectNode withDefaults(ObjectNode schema, ObjectNode arguments) {
        ObjectNode out = arguments.deepCopy();
        JsonNode properties = schema.get("properties");
        if (properties instanceof ObjectNode props) {
            Iterator<Map.Entry<String, JsonNode>> it = props.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode def = p.getValue().get("default");
                if (def != null && !out.has(p.getKey())) {
                    out.set(p.getKey(), def.deepCopy());
                }
            }
        }
        return out;
    }

    /**
     * Validates {@code arguments} against the tool's input schema.
     *
     * @return the problems, sorted, one per message, e.g. {@code $.requestType: is missing but it is required};
     *     empty when valid
     */
    List<String> validate(RegisteredTool tool, JsonNode arguments) {
        return tool.validator().validate(arguments).stream().map(ArgumentBinder::describe).sorted().distinct().toList();
    }

    private static String describe(Error e) {
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
            return e.getInstanceLocation().append(e.getProperty()) + ": is missing but it is required";
        }
        return e.getInstanceLocation() + ": " + e.getMessage();
    }

    /**
     * Binds {@code arguments} to {@code type}.
     *
     * @throws IllegalArgumentException with a message naming the field when the value does not fit the type
     */
    Object bind(JsonNode arguments, Class<?> type) {
        try {
            return mapper.readerFor(type).readValue(arguments);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(JsonMapping.path(e) + ": value does not match the expected type");
        } catch (IOException e) {
            throw new IllegalArgumentException("$: arguments cannot be read");
        }
    }
}
