package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.audit.AuditLog;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.chain.InvocationChain;
import dev.imcp.runtime.chain.InvocationLink;
import dev.imcp.runtime.chain.ToolInvocation;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.RawServer;
import dev.imcp.runtime.fixture.WaitProvider;
import dev.imcp.runtime.mcp.CancellationToken;
import dev.imcp.runtime.mcp.Inbound;
import dev.imcp.runtime.mcp.MessageSink;
import dev.imcp.runtime.mcp.Reply;
import dev.imcp.runtime.mcp.RequestContext;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.spi.ProgressSink;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request path's spine: the call context a tool sees, deadlines, the endpoint without a web server, the chain. */
class SpineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String META_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void toolSeesTheCallContext() throws Exception {
        try (RawServer srv = new RawServer("", "")) {
            String session = srv.initialize("2025-06-18");
            String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";
            HttpResponse<String> r = srv.send(srv.post(call.getBytes(StandardCharsets.UTF_8), session).header("traceparent", TRACEPARENT));
            JsonNode ctx = RawServer.json(r).at("/result/structuredContent");
            assertEquals("2025-06-18", ctx.get("protocolVersion").asText(), r.body());
            assertEquals("demo", ctx.get("caller").asText());
            assertEquals(session, ctx.get("session").asText());
            assertEquals(TRACEPARENT.substring(3, 35), ctx.get("correlationId").asText(),
                    "without X-Correlation-ID, the trace id is the correlation id");
            assertEquals(TRACEPARENT, ctx.get("traceparent").asText());
            assertFalse(ctx.get("cancelled").asBoolean());
            assertTrue(ctx.get("deadlineInFuture").asBoolean());

            String withMeta = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\","
                    + "\"arguments\":{},\"_meta\":{\"traceparent\":\"" + META_TRACEPARENT + "\"}}}";
            JsonNode meta = RawServer.json(srv.send(srv.post(withMeta.getBytes(StandardCharsets.UTF_8), session)
                    .header("traceparent", TRACEPARENT))).at("/result/structuredContent");
            assertEquals(META_TRACEPARENT, meta.get("traceparent").asText(), "_meta wins over the header");
            JsonNode malformed = RawServer.json(srv.send(srv.post(call.replace("\"id\":1", "\"id\":3").getBytes(StandardCharsets.UTF_8),
                    session).header("traceparent", "00-zz-00-01"))).at("/result/structuredContent");
            assertFalse(malformed.hasNonNull("traceparent"), "a malformed traceparent is ignored: " + malformed);
            assertTrue(malformed.get("correlationId").asText().matches("[0-9a-f-]{36}"), "then a random UUID: " + malformed);
        }
    }

    @Test
    void progressOverStreamableHttpTurnsTheAnswerIntoAnEventStream() throws Exception {
        try (RawServer srv = new RawServer("", "")) {
            String session = srv.initialize("2025-06-18");
            HttpResponse<String> r = srv.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"whoami\",\"arguments\":{},\"_meta\":{\"progressToken\":7}}}", session);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), r.headers().toString());
            List<JsonNode> events = new ArrayList<>();
            for (String line : r.body().split("\n")) {
                if (line.startsWith("data: ")) {
                    events.add(JSON.readTree(line.substring(6)));
                }
            }
            // the runtime's steps (0, 50, 100 of 100) with the tool's own report (1 of 1) scaled into the first half
            assertEquals(4, events.size(), r.body());
            for (int i = 0; i < 3; i++) {
                assertEquals("notifications/progress", events.get(i).get("method").asText());
                assertEquals(7, events.get(i).at("/params/progressToken").asInt());
                assertEquals(100.0, events.get(i).at("/params/total").asDouble());
                assertEquals(List.of(0.0, 50.0, 100.0).get(i), events.get(i).at("/params/progress").asDouble());
            }
            assertEquals("done", events.get(1).at("/params/message").asText(), "the tool's own report");
            assertEquals(5, events.get(3).get("id").asInt(), "the response is the last event");
            assertEquals("demo", events.get(3).at("/result/structuredContent/caller").asText());

            HttpResponse<String> plain = srv.post("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"whoami\",\"arguments\":{}}}", session);
            assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                    "no progress token, no stream");
        }
    }

    @Test
    void javaSdkClientReceivesProgressAndTheResultFromTheEventStream() throws Exception {
        try (RawServer srv = new RawServer("", "")) {
            List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + srv.server.port())
                            .endpoint("/mcp")
                            .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + Fixture.DEMO_KEY))
                            .build())
                    .requestTimeout(Duration.ofSeconds(30))
                    .progressConsumer(progress::add)
                    .build();
            try {
                client.initialize();
                McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder().name("whoami")
                        .arguments(Map.of()).progressToken("sdk-1").build());
                assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
                assertEquals("demo", ((Map<?, ?>) r.structuredContent()).get("caller"));
                for (int i = 0; i < 100 && progress.size() < 3; i++) {
                    Thread.sleep(20);
                }
                assertEquals(3, progress.size(), progress.toString());
                // the SDK hands notifications to the consumer asynchronously: their order there is not the wire's
                List<McpSchema.ProgressNotification> byValue = progress.stream()
                        .sorted(java.util.Comparator.comparingDouble(McpSchema.ProgressNotification::progress)).toList();
                assertEquals(List.of(0.0, 50.0, 100.0), byValue.stream().map(McpSchema.ProgressNotification::progress).toList());
                byValue.forEach(p -> assertEquals("sdk-1", p.progressToken()));
                assertEquals("done", byValue.get(1).message(), "the tool's own report, scaled into the first half");
            } finally {
                client.closeGracefully();
            }
        }
    }

    @Test
    void callPastItsDeadlineIsCancelledAndAnsweredAsToolError() throws Exception {
        try (RawServer srv = new RawServer("", "  request-timeout-seconds: 1\n")) {
            String session = srv.initialize("2025-11-25");
            long start = System.nanoTime();
            HttpResponse<String> r = srv.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"wait\",\"arguments\":{\"millis\":30000}}}", session);
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode body = RawServer.json(r);
            assertTrue(body.at("/result/isError").asBoolean(), r.body());
            assertEquals("Tool wait did not finish before its deadline", body.at("/result/content/0/text").asText());
            assertTrue(millis < 10_000, "the upstream call was aborted, not waited for: " + millis + " ms");
            assertEquals(200, srv.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", session).statusCode());
        }
    }

    @Test
    void endpointWorksWithoutAWebServer() throws Exception {
        String yaml = "imcp:\n  server-name: bare\n  audit:\n    file: target/audit-bare.jsonl\n";
        try (AdapterRuntime runtime = ImcpServer.runtime(Fixture.config(yaml), List.of(new EchoProvider(), new WaitProvider()))) {
            List<ObjectNode> sent = new CopyOnWriteArrayList<>();
            Inbound none = new Inbound(Caller.ANONYMOUS, Optional.empty(), Optional.empty(), Optional.empty(), sent::add);
            Reply init = runtime.endpoint().handle(Fixture.initializeRequest("2025-06-18").getBytes(StandardCharsets.UTF_8), none);
            assertEquals(Reply.Kind.RESPONSE, init.kind());
            assertNotNull(init.sessionId());
            assertEquals("bare", init.body().at("/result/serverInfo/name").asText());

            Inbound in = new Inbound(Caller.ANONYMOUS, Optional.of(init.sessionId()), Optional.empty(), Optional.empty(), sent::add);
            Reply list = runtime.endpoint().handle("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}".getBytes(StandardCharsets.UTF_8), in);
            assertEquals(Reply.Kind.RESPONSE, list.kind());
            assertTrue(list.body().at("/result/tools").toString().contains("\"whoami\""));

            Reply call = runtime.endpoint().handle(("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"whoami\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p1\"}}}").getBytes(StandardCharsets.UTF_8), in);
            assertEquals("anonymous", call.body().at("/result/structuredContent/caller").asText(), call.body().toString());
            assertEquals(3, sent.size(), "the call's progress went to the transport's sink");
            assertEquals("notifications/progress", sent.get(0).get("method").asText());
            assertEquals("p1", sent.get(0).at("/params/progressToken").asText());
            assertEquals("done", sent.get(1).at("/params/message").asText());

            assertEquals(Reply.Kind.ACCEPTED, runtime.endpoint().handle(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8), in).kind());
            assertEquals(Reply.Kind.MALFORMED, runtime.endpoint().handle("{".getBytes(StandardCharsets.UTF_8), in).kind());
            assertEquals(Reply.Kind.ENDED, runtime.endpoint().endSession(Caller.ANONYMOUS, in.sessionId()).kind());
            assertEquals(Reply.Kind.SESSION_NOT_FOUND, runtime.endpoint().handle(
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8), in).kind());
        }
    }

    @Test
    void auditGoesToStandardErrorByDefault() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AuditLog audit = new AuditLog(null, new Redactor(List.of()));
            audit.record(new AuditEvent(Instant.now(), "c-1", "demo", null, "echo", "echo", AuditEvent.Status.OK, 3,
                    null, "4bf92f3577b34da6a3ce929d0e0e4736"));
            audit.close();
        } finally {
            System.setErr(original);
        }
        JsonNode line = JSON.readTree(captured.toString(StandardCharsets.UTF_8));
        assertEquals("c-1", line.get("correlation_id").asText());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", line.get("trace_id").asText());
    }

    @Test
    void auditSinkIsConfigurableAndCheckedAtStartUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImcpServer.runtime(
                Fixture.config("imcp:\n  audit:\n    sink: syslog\n"), List.of()));
        assertEquals("imcp.audit.sink must be stderr or stdout, was syslog", e.getMessage());
        try (AdapterRuntime runtime = ImcpServer.runtime(Fixture.config("imcp:\n  audit:\n    sink: stdout\n"), List.of())) {
            assertEquals("stdout", runtime.config().auditSink());
        }
        try (AdapterRuntime runtime = ImcpServer.runtime(Fixture.config("imcp: {}\n"), List.of())) {
            assertEquals("stderr", runtime.config().auditSink(), "the default keeps standard output free for stdio");
        }
    }

    @Test
    void chainRunsLinksInOrderAndTheLastMustAnswer() throws Exception {
        List<String> seen = new ArrayList<>();
        InvocationLink outer = (inv, next) -> {
            seen.add("outer in");
            ObjectNode result = next.proceed(inv);
            seen.add("outer out");
            return result;
        };
        InvocationLink last = (inv, next) -> {
            seen.add("last");
            return JSON.createObjectNode().put("isError", false);
        };
        RequestContext context = new RequestContext("2025-11-25", Caller.ANONYMOUS, Optional.empty(),
                JSON.getNodeFactory().numberNode(1), "tools/call", "c", Instant.now().plusSeconds(5), new CancellationToken(),
                ProgressSink.NONE, Optional.empty());
        new InvocationChain(List.of(outer, last)).invoke(new ToolInvocation(context, "t", null));
        assertEquals(List.of("outer in", "last", "outer out"), seen);
        assertThrows(IllegalStateException.class,
                () -> new InvocationChain(List.of(outer)).invoke(new ToolInvocation(context, "t", null)));
    }

    @Test
    void cancellationRunsActionsOnceAndLateRegistrationsAtOnce() {
        CancellationToken token = new CancellationToken();
        List<String> ran = new ArrayList<>();
        token.onCancel(() -> ran.add("a"));
        token.onCancel(() -> ran.add("removed")).close();
        token.cancel("why");
        token.cancel("again");
        token.onCancel(() -> ran.add("late"));
        assertEquals(List.of("a", "late"), ran);
        assertEquals(Optional.of("why"), token.reason());
        assertThrows(java.util.concurrent.CancellationException.class, token::throwIfCancelled);
    }
}
