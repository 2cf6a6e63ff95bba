package dev.imcp.runtime.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.mcp.RegisteredTool;
import dev.imcp.runtime.spi.HttpBody;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.upstream.JsonMapping;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MCP content items a non-JSON upstream body becomes (MCP "Tool Result": text, image, audio, embedded
 * resource), including one item per part of a multipart body and the resource URI a Content-Location gives.
 */
class ToolResultContentTest {

    private static final ObjectMapper MAPPER = JsonMapping.create();
    private static final ToolResults RESULTS = new ToolResults(MAPPER);
    private static final RegisteredTool TOOL = RegisteredTool.of(EchoProvider.tool(new ToolDescriptor("files", "fetch",
            null, "Fetches", "{\"type\":\"object\"}", null, null, Map.of()), Map.class, in -> null), MAPPER);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2};

    private static JsonNode content(HttpBody body) {
        JsonNode result = RESULTS.success(TOOL, body);
        assertEquals(false, result.get("isError").asBoolean(true));
        return result.get("content");
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void eachKindOfBodyBecomesItsContentItem() {
        assertEquals("{\"type\":\"text\",\"text\":\"héllo\"}", content(new HttpBody(
                "héllo".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8")).get(0).toString());
        assertEquals("{\"type\":\"image\",\"data\":\"" + b64(PNG) + "\",\"mimeType\":\"image/png\"}",
                content(new HttpBody(PNG, "image/png")).get(0).toString());
        byte[] wav = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'};
        assertEquals("{\"type\":\"audio\",\"data\":\"" + b64(wav) + "\",\"mimeType\":\"audio/wav\"}",
                content(new HttpBody(wav, "audio/wav")).get(0).toString());
        assertEquals("{\"type\":\"resource\",\"resource\":{\"uri\":\"urn:imcp:tool:fetch:response\","
                + "\"mimeType\":\"application/pdf\",\"blob\":\"" + b64(PNG) + "\"}}",
                content(new HttpBody(PNG, "application/pdf")).get(0).toString());
    }

    @Test
    void aContentLocationNamesTheEmbeddedResource() {
        assertEquals("{\"type\":\"resource\",\"resource\":{\"uri\":\"test://embedded-resource\",\"mimeType\":\"text/plain\","
                + "\"text\":\"This is an embedded resource content.\"}}",
                content(new HttpBody("This is an embedded resource content.".getBytes(StandardCharsets.UTF_8),
                        "text/plain", "test://embedded-resource")).get(0).toString());
        assertEquals("{\"type\":\"resource\",\"resource\":{\"uri\":\"https://files.example.com/scan.png\","
                + "\"mimeType\":\"image/png\",\"blob\":\"" + b64(PNG) + "\"}}",
                content(new HttpBody(PNG, "image/png", "https://files.example.com/scan.png")).get(0).toString());
    }

    @Test
    void aMultipartBodyIsOneItemPerPartNestedOnesIncluded() {
        String multipart = "--outer\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "Multiple content types test:\r\n"
                + "--outer\r\n"
                + "Content-Type: image/png\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + b64(PNG) + "\r\n"
                + "--outer\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Location: test://mixed-content-resource\r\n\r\n"
                + "{\"test\":\"data\",\"value\":123}\r\n"
                + "--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
                + "--inner\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
                + "--inner--\r\n"
                + "--outer--\r\n";
        JsonNode content = content(new HttpBody(multipart.getBytes(StandardCharsets.UTF_8),
                "multipart/mixed; boundary=outer"));
        assertEquals(List.of("text", "image", "resource", "text", "text"),
                java.util.stream.StreamSupport.stream(content.spliterator(), false).map(c -> c.get("type").asText()).toList());
        assertEquals("Multiple content types test:", content.get(0).get("text").asText());
        assertEquals(b64(PNG), content.get(1).get("data").asText());
        assertEquals("{\"uri\":\"test://mixed-content-resource\",\"mimeType\":\"application/json\","
                + "\"text\":\"{\\\"test\\\":\\\"data\\\",\\\"value\\\":123}\"}", content.get(2).get("resource").toString());
        assertEquals("<p>html</p>", content.get(4).get("text").asText());
    }

    @Test
    void aMultipartBodyThatDoesNotParseStaysOneResource() {
        JsonNode content = content(new HttpBody("no boundary here".getBytes(StandardCharsets.UTF_8),
                "multipart/mixed; boundary=missing"));
        assertEquals(1, content.size());
        assertEquals("resource", content.get(0).get("type").asText());
        assertEquals("multipart/mixed", content.get(0).get("resource").get("mimeType").asText());
    }

    @Test
    void aBinaryItemHoldingASecretIsWithheldAndTextIsMasked() {
        dev.imcp.runtime.audit.Redactor redactor = new dev.imcp.runtime.audit.Redactor(List.of("sk-live-0123456789"));
        byte[] pdf = "%PDF-1.7 /Key (sk-live-0123456789) rest".getBytes(StandardCharsets.UTF_8);
        JsonNode withheld = RESULTS.redacted(TOOL, RESULTS.success(TOOL, new HttpBody(pdf, "application/pdf")), redactor);
        assertEquals("{\"type\":\"text\",\"text\":\"" + ToolResults.WITHHELD + "\"}", withheld.at("/content/0").toString());
        JsonNode text = RESULTS.redacted(TOOL, RESULTS.success(TOOL, new HttpBody(
                "key SK-LIVE-0123456789".getBytes(StandardCharsets.UTF_8), "text/plain")), redactor);
        assertEquals("key ***", text.at("/content/0/text").asText());
        com.fasterxml.jackson.databind.node.ObjectNode clean = RESULTS.success(TOOL, new HttpBody(PNG, "image/png"));
        assertEquals(clean, RESULTS.redacted(TOOL, clean, redactor), "nothing secret: unchanged");
    }
}
