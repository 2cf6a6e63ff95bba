package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.WaitProvider;
import dev.imcp.runtime.mcp.Inbound;
import dev.imcp.runtime.mcp.Reply;
import dev.imcp.runtime.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * MCP "Utilities: Logging" for the legacy revisions: the server declares {@code logging}, {@code logging/setLevel}
 * sets the session's level (an unknown one is -32602), and a tool call then reports its steps as
 * {@code notifications/message} at that level and above, and nothing before the client asked.
 */
class LoggingTest {

    private static final String YAML = "imcp:\n  audit:\n    file: target/audit-logging.jsonl\n";

    private static Reply send(AdapterRuntime runtime, Inbound in, String json) {
        return runtime.endpoint().handle(json.getBytes(StandardCharsets.UTF_8), in);
    }

    private static List<JsonNode> messages(List<ObjectNode> sent) {
        return sent.stream().filter(m -> "notifications/message".equals(m.path("method").asText()))
                .map(m -> (JsonNode) m.get("params")).toList();
    }

    @Test
    void setLevelThenEachToolCallReportsItsSteps() throws Exception {
        try (AdapterRuntime runtime = ImcpServer.runtime(Fixture.config(YAML), List.of(new WaitProvider()))) {
            List<ObjectNode> sent = new CopyOnWriteArrayList<>();
            Inbound first = new Inbound(Caller.ANONYMOUS, Optional.empty(), Optional.empty(), Optional.empty(), sent::add);
            Reply init = send(runtime, first, Fixture.initializeRequest("2025-06-18"));
            assertTrue(init.body().at("/result/capabilities/logging").isObject(), init.body().toString());
            Inbound in = new Inbound(Caller.ANONYMOUS, Optional.of(init.sessionId()), Optional.of("2025-06-18"),
                    Optional.empty(), sent::add);
            String call = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";

            Reply plain = send(runtime, in, call.formatted(2));
            assertEquals(false, plain.body().at("/result/isError").asBoolean(true), plain.body().toString());
            assertEquals(List.of(), messages(sent), "no messages before the client asked for them");

            Reply bad = send(runtime, in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"verbose\"}}");
            assertEquals(-32602, bad.body().at("/error/code").asInt(), bad.body().toString());

            Reply ok = send(runtime, in, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}");
            assertEquals("{}", ok.body().get("result").toString());
            send(runtime, in, call.formatted(5));
            List<JsonNode> info = messages(sent);
            assertEquals(3, info.size(), info.toString());
            info.forEach(m -> {
                assertEquals("info", m.get("level").asText());
                assertEquals("imcp", m.get("logger").asText());
            });
            assertTrue(info.get(0).get("data").asText().startsWith("tool whoami: calling "), info.toString());
            assertEquals("tool whoami: result ready", info.get(2).get("data").asText());

            sent.clear();
            send(runtime, in, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}");
            send(runtime, in, call.formatted(7));
            assertEquals(List.of(), messages(sent), "info steps are below the error level");
        }
    }
}
