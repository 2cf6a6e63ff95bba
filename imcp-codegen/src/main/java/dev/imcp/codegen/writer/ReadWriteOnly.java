package dev.imcp.codegen.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Leaves {@code readOnly} properties out of a published input schema and {@code writeOnly} ones out of an output
 * schema (OpenAPI 3.0.3 section 4.7.24.1: a read-only property is sent in responses only, a write-only one in
 * requests only; JSON Schema 2020-12 Validation, section 9.4). Works on the rendered schema, {@code $defs}
 * included, so a definition shared by a tool's input and output is filtered per direction; a removed property
 * also leaves its object's {@code required}.
 */
final class ReadWriteOnly {

    private ReadWriteOnly() {
    }

    /** Removes, in place, every property of {@code schema} (at any depth) whose schema says {@code keyword: true}. */
    static ObjectNode strip(ObjectNode schema, String keyword) {
        walk(schema, keyword);
        return schema;
    }

    private static void walk(JsonNode node, String keyword) {
        if (node instanceof ArrayNode array) {
            array.forEach(n -> walk(n, keyword));
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (object.get("properties") instanceof ObjectNode properties) {
            List<String> removed = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().path(keyword).asBoolean(false)) {
                    removed.add(e.getKey());
                    it.remove();
                }
            }
            if (!removed.isEmpty() && object.get("required") instanceof ArrayNode required) {
                for (int i = required.size() - 1; i >= 0; i--) {
                    if (removed.contains(required.get(i).asText())) {
                        required.remove(i);
                    }
                }
                if (required.isEmpty()) {
                    object.remove("required");
                }
            }
        }
        object.forEach(child -> walk(child, keyword));
    }
}
