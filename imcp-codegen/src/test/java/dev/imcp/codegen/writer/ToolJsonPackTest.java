package dev.imcp.codegen.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tools held until the adapter-wide files are written keep their schemas deflated; what comes back out, and so
 * what {@code tools.json} and {@code tool-schemas.json} carry, is exactly what went in.
 */
class ToolJsonPackTest {

    static String bigSchema() {
        StringBuilder s = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        for (int i = 0; i < 2_000; i++) {
            s.append(i == 0 ? "" : ",").append("\"field").append(i)
                    .append("\":{\"type\":\"string\",\"description\":\"Größe № ").append(i).append(" — µs\"}");
        }
        return s.append("}}").toString();
    }

    @Test
    void schemasComeBackExactlyAndSmaller() {
        String input = bigSchema();
        String output = "{\"type\":\"array\",\"items\":" + input + "}";
        ToolJson tool = new ToolJson("svc", "getThing", "Get a thing", "Returns the thing ☃", input, output,
                Map.of("readOnlyHint", true));

        ToolJson.Packed packed = tool.pack();

        assertNull(packed.tool().inputSchema(), "the packed tool holds no schema text");
        assertTrue(packed.schemas().length * 10 < input.length() + output.length(),
                "deflated to less than a tenth: " + packed.schemas().length);
        assertEquals(tool, packed.unpack());
    }

    @Test
    void withoutOutputSchemaAndWithTheSmallestSchema() {
        ToolJson tool = new ToolJson("svc", "ping", null, null, "{}", null, Map.of());
        assertEquals(tool, tool.pack().unpack());
        ToolJson empty = new ToolJson("svc", "ping", null, null, "{}", "{}", Map.of());
        assertEquals(empty, empty.pack().unpack());
    }

    @Test
    void filesWrittenFromPackedToolsCarryTheSchemas() throws IOException {
        ToolJson a = new ToolJson("svc", "a", null, "é", "{\"type\":\"object\"}", null, Map.of());
        ToolJson b = new ToolJson("svc", "b", null, null, bigSchema(), "{\"type\":\"string\"}", Map.of());
        StringWriter schemas = new StringWriter();
        ToolJson.writeSchemasFile(List.of(a.pack(), b.pack()), schemas);
        assertEquals("{\"a\":{\"inputSchema\":\n{\"type\":\"object\"}\n},\"b\":{\"inputSchema\":\n" + bigSchema()
                + "\n,\"outputSchema\":\n{\"type\":\"string\"}\n}}\n", schemas.toString());

        StringWriter tools = new StringWriter();
        ToolJson.writeToolsFile(List.of(a.pack(), b.pack()), tools);
        com.fasterxml.jackson.databind.JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tools.toString());
        assertEquals(2, parsed.get("tools").size());
        assertEquals(2_000, parsed.get("tools").get(1).get("inputSchema").get("properties").size());
        assertEquals("é", parsed.get("tools").get(0).get("description").asText());
    }
}
