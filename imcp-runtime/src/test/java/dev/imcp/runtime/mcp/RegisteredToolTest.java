package dev.imcp.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolSchemas;
import dev.imcp.runtime.upstream.JsonMapping;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tools keep their schemas as text: {@code ToolSchemas} cuts each one out of the generated resource byte for byte,
 * {@code tools/list} writes it as it is, in the members each revision defines, and a malformed schema still fails
 * registration.
 */
class RegisteredToolTest {

    private static final ObjectMapper MAPPER = JsonMapping.create();

    private static RegisteredTool register(String input, String output) {
        return RegisteredTool.of(EchoProvider.tool(new ToolDescriptor("s", "t", "T", "Does t", input, output, null,
                Map.of("readOnlyHint", true)), Map.class, in -> null), MAPPER);
    }

    @Test
    void schemasAreCutOutOfTheResourceAsWrittenAndSpreadOnesJoinOneLine() {
        ToolSchemas schemas = ToolSchemas.load(RegisteredToolTest.class);
        assertEquals("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"description\":\"caf\\u00e9 \u00e9\"}}}",
                schemas.input("oneLine").toString(), "escapes and UTF-8 kept as written");
        assertEquals("{\"type\":\"object\"}", schemas.output("oneLine").toString());
        assertEquals("{\"type\":\"object\"}", schemas.input("spread").toString());
        assertNull(schemas.output("spread"));
        assertTrue(schemas.input("oneLine").compact());
        assertTrue(schemas.input("spread").compact(), "re-written on one line, then vouched for");
        assertTrue(!dev.imcp.descriptor.JsonText.of("{\"type\":\"object\" , \"x\":1}").compact(), "a text it did not hand out");
    }

    @Test
    void listEntriesWriteTheSchemaTextInEachRevisionsMembers() throws Exception {
        String input = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"maximum\":1.50}}}";
        RegisteredTool tool = register(input, "{\"type\":\"object\"}");
        String latest = MAPPER.writeValueAsString(tool.listEntry(ProtocolVersions.LATEST));
        assertEquals("{\"name\":\"t\",\"title\":\"T\",\"description\":\"Does t\",\"inputSchema\":" + input
                + ",\"outputSchema\":{\"type\":\"object\"},\"annotations\":{\"readOnlyHint\":true}}", latest,
                "the schema text goes out unchanged (1.50 stays 1.50)");
        assertEquals("{\"name\":\"t\",\"description\":\"Does t\",\"inputSchema\":" + input + "}",
                MAPPER.writeValueAsString(tool.listEntry("2024-11-05")), "no title, outputSchema or annotations yet");
        assertSame(tool.inputSchema(), tool.inputSchema(), "parsed once");
    }

    @Test
    void aSchemaHeldAsUtf8BytesGoesOutAsTheSameCharactersOverBytesAndOverChars() throws Exception {
        String input = "{\"type\":\"object\",\"description\":\"Größe – 🐈 \\u00e9\"}";
        RegisteredTool tool = RegisteredTool.of(EchoProvider.tool(new ToolDescriptor("s", "t", null, null,
                dev.imcp.descriptor.JsonText.compactObject(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                null, null, Map.of()), Map.class, in -> null), MAPPER);
        String expected = "{\"name\":\"t\",\"inputSchema\":" + input + "}";
        assertEquals(expected, new String(MAPPER.writeValueAsBytes(tool.listEntry(ProtocolVersions.LATEST)),
                java.nio.charset.StandardCharsets.UTF_8), "copied as UTF-8 bytes");
        assertEquals(expected, MAPPER.writeValueAsString(tool.listEntry(ProtocolVersions.LATEST)), "decoded for a Writer");
        assertEquals("Größe – 🐈 é", tool.inputSchema().get("description").asText(), "parsed from the bytes");
        assertEquals(input, tool.descriptor().inputSchema(), "the String view of the descriptor");
    }

    @Test
    void aSchemaOverSeveralLinesIsPublishedOnOne() throws Exception {
        RegisteredTool tool = register("{\n  \"type\": \"object\"\n}", null);
        String entry = MAPPER.writeValueAsString(tool.listEntry(ProtocolVersions.LATEST));
        assertTrue(entry.contains("\"inputSchema\":{\"type\":\"object\"}"), entry);
        assertTrue(!entry.contains("\n"), "a stdio message is one line: " + entry);
        assertNull(tool.outputSchema());
    }

    @Test
    void aMalformedSchemaFailsRegistrationNamingTheTool() {
        IllegalStateException notJson = assertThrows(IllegalStateException.class, () -> register("{\"type\":", null));
        assertTrue(notJson.getMessage().startsWith("Tool t: inputSchema is not valid JSON"), notJson.getMessage());
        IllegalStateException notObject = assertThrows(IllegalStateException.class, () -> register("{}", "[1]"));
        assertEquals("Tool t: outputSchema must be a JSON object", notObject.getMessage());
        IllegalStateException trailing = assertThrows(IllegalStateException.class, () -> register("{} {}", null));
        assertEquals("Tool t: inputSchema must be a JSON object", trailing.getMessage());
    }
}
