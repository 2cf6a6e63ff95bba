package dev.imcp.runtime.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.config.RateLimits;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link RateLimitLink}: per-caller and per-tool token buckets on a real adapter with two API keys. */
class RateLimitTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aCallerBeyondItsBurstIsRefusedWithRetryAfterAndAuditedOthersAreNot() throws Exception {
        Path audit = Files.createDirectories(Path.of("target")).resolve("audit-rate-" + System.nanoTime() + ".jsonl");
        ImcpServer server = ImcpServer.start(Fixture.config("""
                server: {port: 0, host: 127.0.0.1}
                imcp:
                  auth:
                    api-keys:
                      - {name: demo, sha256: "%s"}
                      - {name: ops, sha256: "%s"}
                  audit: {file: "%s"}
                  rest-facade: {enabled: true}
                  rate-limits:
                    per-caller: {requests-per-second: 0.01, burst: 2}
                    tools:
                      sumTree: {requests-per-second: 0.01, burst: 1}
                """.formatted(Fixture.sha(Fixture.DEMO_KEY), Fixture.sha(Fixture.OPS_KEY),
                audit.toString().replace("\\", "/"))), List.of(new EchoProvider()));
        try {
            String demo = "Bearer " + Fixture.DEMO_KEY;
            String ops = "Bearer " + Fixture.OPS_KEY;
            String demoSession = ResilienceTest.initialize(server, demo);
            String opsSession = ResilienceTest.initialize(server, ops);
            assertFalse(echo(server, demoSession, demo).path("isError").asBoolean());
            assertFalse(echo(server, demoSession, demo).path("isError").asBoolean());
            JsonNode refused = echo(server, demoSession, demo);
            assertTrue(refused.path("isError").asBoolean(), refused.toString());
            String text = refused.at("/content/0/text").asText();
            assertTrue(text.startsWith("Rate limit exceeded for caller demo (2 calls at once, 0.01 a second): retry in "),
                    text);
            long retryAfter = refused.at("/_meta/dev.imcp~1retryAfterSeconds").asLong();
            assertTrue(retryAfter > 90 && retryAfter <= 100, "one token takes 100 s at 0.01 a second: " + refused);
            assertTrue(text.endsWith("retry in " + retryAfter + " s"), text);
            assertEquals("rate-limit", refused.at("/_meta/dev.imcp~1refused").asText());

            // Another caller has a bucket of its own; a tool's bucket refuses without using up the caller's.
            assertFalse(call(server, opsSession, ops, "sumTree", "{\"root\":{\"value\":1}}").path("isError").asBoolean());
            JsonNode toolRefused = call(server, opsSession, ops, "sumTree", "{\"root\":{\"value\":1}}");
            assertTrue(toolRefused.at("/content/0/text").asText().startsWith("Rate limit exceeded for tool sumTree for caller ops"),
                    toolRefused.toString());
            assertFalse(echo(server, opsSession, ops).path("isError").asBoolean(), "ops still had one call of its own");

            // The REST facade says the same in HTTP: 429 with Retry-After (RFC 6585, RFC 9110).
            HttpResponse<String> rest = HTTP.send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/tools/echo"))
                    .header("Authorization", demo).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(429, rest.statusCode(), rest.body());
            long restRetry = Long.parseLong(rest.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(restRetry > 0 && restRetry <= retryAfter, rest.headers().map().toString());
        } finally {
            server.close();
        }
        List<JsonNode> events = Files.readAllLines(audit).stream().map(RateLimitTest::parse).toList();
        assertEquals(List.of("ok", "ok", "limited", "ok", "limited", "ok", "limited"),
                events.stream().map(e -> e.path("status").asText()).toList());
        assertEquals("demo", events.get(2).path("actor").asText());
    }

    @Test
    void aBucketRefillsAtItsRateUpToItsBurst() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(new RateLimits.Rate(2, 3), now::get);
        assertEquals(0, bucket.take());
        assertEquals(0, bucket.take());
        assertEquals(0, bucket.take());
        assertEquals(500_000_000L, bucket.take(), "half a second until the next token at two a second");
        now.addAndGet(250_000_000L);
        assertEquals(250_000_000L, bucket.take());
        now.addAndGet(10_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.take(), "ten seconds fill the bucket, but only to its burst");
        }
        assertTrue(bucket.take() > 0);
    }

    private static JsonNode echo(ImcpServer server, String session, String authorization) throws Exception {
        return call(server, session, authorization, "echo", "{\"message\":\"hi\"}");
    }

    private static JsonNode call(ImcpServer server, String session, String authorization, String tool, String arguments)
            throws Exception {
        JsonNode response = Fixture.json(Fixture.post(HTTP, ResilienceTest.mcp(server), "{\"jsonrpc\":\"2.0\",\"id\":3,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}",
                session, authorization));
        assertTrue(response.has("result"), response.toString());
        return response.get("result");
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
