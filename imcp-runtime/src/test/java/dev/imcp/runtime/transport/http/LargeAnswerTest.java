package dev.imcp.runtime.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.RawServer;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.UpstreamContext;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers above {@link StreamableHttpTransport#STREAMED_ABOVE} are streamed with chunked transfer coding and arrive
 * whole; smaller ones keep their {@code Content-Length}. Read over a raw socket, so the framing itself is checked.
 */
class LargeAnswerTest {

    private static final int VALUES = 120_000;
    private static final int SMALL_TOOLS = 400;
    private static RawServer srv;

    /**
     * One tool whose input schema (an enum of {@value #VALUES} strings, non-ASCII among them) is about 2 MB, then
     * {@value #SMALL_TOOLS} tools of a 5,000-character description each.
     */
    static final class BigProvider implements ToolProvider {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor("big", "mcp-json", "Big", "1", Fixture.sha("big contract"),
                    "src/main/contracts/big.json", "http://127.0.0.1:1", Map.of(), null, null);
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            String values = IntStream.range(0, VALUES).mapToObj(i -> "\"größe-" + i + "\"").collect(Collectors.joining(","));
            List<Tool<?, ?>> tools = new java.util.ArrayList<>();
            tools.add(EchoProvider.tool(new ToolDescriptor("big", "pick", null, "Picks one",
                    "{\"type\":\"object\",\"properties\":{\"v\":{\"enum\":[" + values + "]}}}", null, null, Map.of()),
                    Map.class, in -> Map.of()));
            // and many small ones, which the JSON generator writes 8,000 bytes at a time
            for (int i = 0; i < SMALL_TOOLS; i++) {
                tools.add(EchoProvider.tool(new ToolDescriptor("big", "small" + i, null, "x".repeat(5_000),
                        "{\"type\":\"object\"}", null, null, Map.of()), Map.class, in -> Map.of()));
            }
            return tools;
        }
    }

    @BeforeAll
    static void start() {
        srv = new RawServer("", "", List.of(new BigProvider()));
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    @Test
    void aLargeAnswerIsStreamedChunkedAndArrivesWhole() throws Exception {
        String session = srv.initialize("2025-06-18");
        Answer list = post("{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/list\"}", session);
        assertTrue(list.head.startsWith("HTTP/1.1 200"), list.head);
        assertTrue(list.headers().contains("transfer-encoding: chunked"), list.head);
        assertFalse(list.headers().contains("content-length:"), list.head);
        assertTrue(list.body.length > StreamableHttpTransport.STREAMED_ABOVE, "the answer is " + list.body.length + " bytes");
        // Whole chunks of ResponseBody.CHUNK bytes, not one per 8,000-byte write of the JSON generator (each chunk
        // was a socket write of its own): at most one short chunk before each write larger than a chunk, and one last.
        assertTrue(list.chunks <= 2 * (list.body.length / ResponseBody.CHUNK) + 2,
                list.chunks + " chunks for " + list.body.length + " bytes");
        JsonNode answer = new ObjectMapper().readTree(list.body);
        assertEquals(41, answer.get("id").asInt());
        JsonNode values = answer.at("/result/tools/0/inputSchema/properties/v/enum");
        assertEquals(VALUES, values.size());
        assertEquals("größe-" + (VALUES - 1), values.get(VALUES - 1).asText());
        assertEquals(1 + SMALL_TOOLS, answer.at("/result/tools").size());

        Answer ping = post("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"ping\"}", session);
        assertTrue(ping.headers().contains("content-length: " + ping.body.length), ping.head);
        assertFalse(ping.headers().contains("transfer-encoding"), ping.head);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{}}", new String(ping.body, StandardCharsets.UTF_8));
    }

    private record Answer(String head, byte[] body, int chunks) {
        String headers() {
            return head.toLowerCase(Locale.ROOT);
        }
    }

    /** Sends one POST over a socket of its own and reads the answer, undoing chunked transfer coding. */
    private static Answer post(String json, String session) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nAuthorization: Bearer " + Fixture.DEMO_KEY + "\r\n"
                + "MCP-Protocol-Version: 2025-06-18\r\nMcp-Session-Id: " + session + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(srv.mcp().getHost(), srv.mcp().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            StringBuilder answerHead = new StringBuilder();
            for (String line; !(line = line(in)).isEmpty(); ) {
                answerHead.append(line).append('\n');
            }
            String lower = answerHead.toString().toLowerCase(Locale.ROOT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int chunks = 0;
            var length = java.util.regex.Pattern.compile("(?m)^content-length:\\s*(\\d+)").matcher(lower);
            if (length.find()) {
                out.write(in.readNBytes(Integer.parseInt(length.group(1))));
            } else {
                for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                    out.write(in.readNBytes(size));
                    chunks++;
                    assertEquals("", line(in), "a chunk ends with CRLF");
                }
                assertEquals("", line(in), "the last chunk, no trailers");
            }
            return new Answer(answerHead.toString(), out.toByteArray(), chunks);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the connection closed mid-line: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
