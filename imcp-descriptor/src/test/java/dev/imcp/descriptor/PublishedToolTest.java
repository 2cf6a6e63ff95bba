package dev.imcp.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The published entry's members, their order and the revision filter. */
class PublishedToolTest {

    private static String write(PublishedTool tool, Set<String> members) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            tool.write(g, members);
        }
        return out.toString();
    }

    @Test
    void writesEveryMemberInOrderWithSchemasAsGivenAndHintsSorted() throws Exception {
        Map<String, Boolean> hints = new LinkedHashMap<>();
        hints.put("readOnlyHint", true);
        hints.put("destructiveHint", false);
        PublishedTool tool = new PublishedTool("getPet", "Get a pet", "Gets \"one\" pet",
                "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}", "{\"type\":\"object\"}", hints);
        assertEquals("{\"name\":\"getPet\",\"title\":\"Get a pet\",\"description\":\"Gets \\\"one\\\" pet\","
                + "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}},"
                + "\"outputSchema\":{\"type\":\"object\"},"
                + "\"annotations\":{\"destructiveHint\":false,\"readOnlyHint\":true}}", write(tool, PublishedTool.ALL_MEMBERS));
        assertEquals("{\"name\":\"getPet\",\"description\":\"Gets \\\"one\\\" pet\","
                + "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}}", write(tool, Set.of()));
    }

    @Test
    void leavesOutWhatTheToolDoesNotHave() throws Exception {
        PublishedTool bare = new PublishedTool("ping", null, null, "{\"type\":\"object\"}", null, Map.of());
        assertEquals("{\"name\":\"ping\",\"inputSchema\":{\"type\":\"object\"}}", write(bare, PublishedTool.ALL_MEMBERS));
        assertThrows(NullPointerException.class, () -> new PublishedTool("x", null, null, (String) null, null, null));
    }
}
