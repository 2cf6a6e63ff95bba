package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.HttpAdapter;
import dev.imcp.runtime.fixture.RawServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real adapter process ({@link HttpAdapter}: an adapter's main, configured by environment variables) under a
 * connection flood and a SIGTERM (issue 9, "resilience").
 */
class LifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READY = Pattern.compile("serving MCP at (http://127\\.0\\.0\\.1:\\d+/mcp)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    /** A started adapter process, its endpoint and its log (standard error). */
    private record Adapter(Process process, URI mcp, Path log) {
    }

    /**
     * Starts {@link HttpAdapter} on a free port with {@code env} added, under {@code ulimit -n fileLimit} when that is
     * positive, and waits for its ready line.
     */
    private Adapter start(Map<String, String> env, int fileLimit) throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("adapter-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>();
        if (fileLimit > 0) {
            command.addAll(List.of("sh", "-c", "ulimit -n " + fileLimit + " && exec \"$@\"", "sh"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HttpAdapter.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        cleanup.add(() -> {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(Files.readString(log));
            if (ready.find()) {
                return new Adapter(process, URI.create(ready.group(1)), log);
            }
            assertTrue(process.isAlive(), () -> "the adapter died: " + read(log));
            Thread.sleep(50);
        }
        throw new AssertionError("the adapter did not start: " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Starts a REST upstream on 127.0.0.1 whose {@code GET /pets/{id}} answers after {@code delayMillis}. */
    private URI slowUpstream(long delayMillis, CountDownLatch arrived) throws IOException {
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/pets/", exchange -> {
            arrived.countDown();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String id = exchange.getRequestURI().getPath().substring("/pets/".length());
            byte[] body = ("{\"id\":\"" + id + "\",\"name\":\"Rex\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        cleanup.add(() -> upstream.stop(0));
        return URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
    }

    /** Opens a session (with the demo key, which an adapter without keys ignores); returns its id. */
    private String initialize(URI mcp) throws IOException, InterruptedException {
        HttpResponse<String> init = Fixture.post(http, mcp, Fixture.initializeRequest("2025-06-18"), null,
                "Bearer " + Fixture.DEMO_KEY);
        assertEquals(200, init.statusCode(), init.body());
        return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static String getPet(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"getPet\","
                + "\"arguments\":{\"id\":\"" + id + "\"}}}";
    }

    @Test
    void sigtermLetsCallsInFlightFinishWritesTheirAuditEventsAndExitsZero() throws Exception {
        int calls = 16;
        CountDownLatch arrived = new CountDownLatch(calls);
        URI upstream = slowUpstream(4000, arrived);
        Path audit = Path.of("target").resolve("audit-lifecycle-" + System.nanoTime() + ".jsonl");
        Adapter adapter = start(Map.of("IMCP_SERVICES_PETS_URL", upstream.toString(),
                "IMCP_AUDIT_FILE", audit.toAbsolutePath().toString()), 0);
        String session = initialize(adapter.mcp());
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        var callers = Executors.newVirtualThreadPerTaskExecutor();
        cleanup.add(callers::shutdownNow);
        for (int id = 1; id <= calls; id++) {
            int n = id;
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Fixture.post(http, adapter.mcp(), getPet(n), session, null);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, callers));
        }
        assertTrue(arrived.await(30, TimeUnit.SECONDS), "every call reached the upstream");

        adapter.process().destroy(); // SIGTERM

        // New connections are refused at once, while the calls are still running.
        long refusedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        boolean refused = false;
        while (!refused && System.nanoTime() < refusedBy) {
            try (Socket s = new Socket(adapter.mcp().getHost(), adapter.mcp().getPort())) {
                Thread.sleep(20);
            } catch (ConnectException e) {
                refused = true;
            }
        }
        assertTrue(refused, "the listener closed on SIGTERM");
        assertTrue(answers.stream().anyMatch(a -> !a.isDone()), "calls were still in flight when it closed");

        for (int id = 1; id <= calls; id++) {
            HttpResponse<String> answer = answers.get(id - 1).get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode result = JSON.readTree(answer.body()).path("result");
            assertFalse(result.path("isError").asBoolean(), answer.body());
            assertEquals(String.valueOf(id), result.path("structuredContent").path("id").asText(), answer.body());
        }
        assertTrue(adapter.process().waitFor(30, TimeUnit.SECONDS), "the process ends");
        assertEquals(0, adapter.process().exitValue(), () -> read(adapter.log()));
        List<String> lines = Files.readAllLines(audit);
        java.util.Set<String> audited = new java.util.TreeSet<>();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertEquals("getPet", event.path("tool").asText(), line);
            assertEquals("ok", event.path("status").asText(), line);
            audited.add(event.path("arguments").path("id").asText());
        }
        assertEquals(calls, lines.size(), lines::toString);
        assertEquals(calls, audited.size(), "one event per call: " + lines);
    }

    @Test
    void aPortInUseEndsTheProcessWithStatusOneAndSaysWhy() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path log = Files.createDirectories(Path.of("target")).resolve("adapter-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), HttpAdapter.class.getName())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("IMCP_SERVICES_PETS_URL", "http://127.0.0.1:9");
            Process process = builder.start();
            cleanup.add(process::destroyForcibly);

            assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> "the adapter kept running: " + read(log));
            assertEquals(1, process.exitValue(), () -> read(log));
            String output = read(log);
            assertTrue(output.contains("iMCP adapter did not start: the web server could not listen on 127.0.0.1:"
                    + port + " ("), output);
            assertFalse(output.contains("serving MCP"), "no ready line for a server that is not listening: " + output);
        }
    }

    @Test
    void aConnectionFloodWaitsForFreeSlotsAndTheListenerServesAgainAfterIt() throws Exception {
        // 512 descriptors: the default limit is a quarter, 128. Without a limit the flood used every descriptor, the
        // accept failed ("Too many open files") and Helidon's listener stopped for good: later connects were refused.
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "ulimit needs a POSIX shell");
        Adapter adapter = start(Map.of("IMCP_SERVICES_PETS_URL", "http://127.0.0.1:1"), 512);
        floodThenServe(adapter.mcp(), 600);
        assertTrue(adapter.process().isAlive());
        assertFalse(read(adapter.log()).contains("Too many open files"), () -> read(adapter.log()));
    }

    @Test
    void theConfiguredConnectionLimitHolds() throws Exception {
        try (RawServer server = new RawServer("  max-tcp-connections: 20\n", "")) {
            floodThenServe(server.mcp(), 20);
        }
    }

    /**
     * Opens {@code idle} connections that send nothing, then checks that a request on one more connection is not
     * answered while they are open (it waits in the accept queue), and is answered once they close, as is a new
     * {@code initialize}.
     */
    private void floodThenServe(URI mcp, int idle) throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < idle; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(mcp.getHost(), mcp.getPort()), 5000);
                flood.add(s);
            }
            Socket waiting = new Socket(mcp.getHost(), mcp.getPort());
            flood.add(waiting);
            waiting.setSoTimeout(1500);
            OutputStream out = waiting.getOutputStream();
            byte[] body = Fixture.initializeRequest("2025-06-18").getBytes(StandardCharsets.UTF_8);
            out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + Fixture.DEMO_KEY + "\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = waiting.getInputStream();
            assertThrows(SocketTimeoutException.class, in::read, "not served while the flood holds every slot");

            for (Socket s : flood.subList(0, flood.size() - 1)) {
                s.close();
            }
            waiting.setSoTimeout(30_000);
            assertEquals("HTTP/1.1 200", new String(in.readNBytes(12), StandardCharsets.ISO_8859_1),
                    "served once the flood is gone");
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
        initialize(mcp);
    }
}
