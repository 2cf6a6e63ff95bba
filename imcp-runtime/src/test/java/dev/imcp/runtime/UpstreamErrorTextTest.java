package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.fixture.CalcProvider;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.fixture.LogCapture;
import dev.imcp.runtime.fixture.PetsProvider;
import dev.imcp.runtime.fixture.RawServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an MCP client reads when an upstream call fails on this side of the wire (timeout, refused connection, a
 * response that does not fit the operation's output type): a text saying what failed, without the adapter's class
 * names or the upstream's address, while the server log keeps the detail. REST upstreams and SOAP (CXF) ports on
 * 127.0.0.1.
 */
class UpstreamErrorTextTest {

    /** A SOAP service with one one-way operation. */
    @jakarta.jws.WebService(targetNamespace = "urn:test:bell", name = "Bell")
    public interface Bell {
        /** Rings; nothing comes back. */
        @jakarta.jws.Oneway
        void ring(@jakarta.jws.WebParam(name = "times") int times);
    }

    /** Service {@code bell}: tool {@code ring}, the one-way {@link Bell#ring} on port {@code BellPort}. */
    static final class BellProvider implements dev.imcp.runtime.spi.ToolProvider {
        /** Arguments of ring. */
        public record RingInput(int times) {
        }

        @Override
        public dev.imcp.runtime.spi.ServiceDescriptor service() {
            return new dev.imcp.runtime.spi.ServiceDescriptor("bell", "wsdl", "Bell", null,
                    dev.imcp.runtime.fixture.Fixture.sha("bell contract"), "src/main/contracts/bell.wsdl", null,
                    Map.of("BellPort", "http://127.0.0.1:1/unused"), null, null);
        }

        @Override
        public List<dev.imcp.runtime.spi.Tool<?, ?>> tools(dev.imcp.runtime.spi.UpstreamContext upstream) {
            return List.of(dev.imcp.runtime.fixture.EchoProvider.tool(new dev.imcp.runtime.spi.ToolDescriptor("bell",
                    "ring", null, "Rings", "{\"type\":\"object\",\"properties\":{\"times\":{\"type\":\"integer\"}}}",
                    null, null, Map.of()), RingInput.class, in -> {
                        upstream.soapPort(Bell.class, "BellPort").ring(in.times());
                        return Map.of("rung", true);
                    }));
        }
    }

    /** The status the one-way endpoint answers with, without a body. */
    private static volatile int onewayStatus = 202;

    /** What the SOAP upstream does with the next request: {@code slow} or {@code wrong} (an unexpected element). */
    private static volatile String soapMode = "slow";
    private static HttpServer upstream;
    private static RawServer srv;
    private static int closedPort;

    @BeforeAll
    static void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newCachedThreadPool());
        upstream.createContext("/rest/pets/", x -> {
            String id = x.getRequestURI().getPath().substring("/rest/pets/".length());
            switch (id) {
                case "slow" -> pause(x);
                case "array" -> HttpReplies.send(x, 200, "application/json", "[1,2]");
                default -> HttpReplies.send(x, 404, "application/json", "{\"message\":\"no pet " + id + "\"}");
            }
        });
        upstream.createContext("/soap", x -> {
            x.getRequestBody().readAllBytes();
            if ("slow".equals(soapMode)) {
                pause(x);
            } else if (soapMode.startsWith("bare ")) { // "bare <status>": no body, Content-Length 0
                x.sendResponseHeaders(Integer.parseInt(soapMode.substring(5)), -1);
                x.close();
            } else if (soapMode.startsWith("reply ")) { // "reply <status> <content type> <body>"
                String[] reply = soapMode.split(" ", 4);
                HttpReplies.send(x, Integer.parseInt(reply[1]), reply[2], reply[3]);
            } else if ("plain500".equals(soapMode)) {
                HttpReplies.send(x, 500, "text/plain", "database is down\n" + "x".repeat(5000));
            } else {
                HttpReplies.send(x, 200, "text/xml", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                        + "<soap:Body><c:multiplyResponse xmlns:c=\"urn:test:calc\"><product>6</product>"
                        + "</c:multiplyResponse></soap:Body></soap:Envelope>");
            }
        });
        upstream.createContext("/oneway", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(onewayStatus, -1);
            x.close();
        });
        upstream.start();
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        srv = new RawServer("", """
                  services:
                    pets:
                      url: %s/rest
                      timeout-seconds: 1
                    petsdown:
                      url: http://127.0.0.1:%d/rest
                    bell:
                      ports:
                        BellPort:
                          url: %s/oneway
                    calc:
                      ports:
                        CalculatorPort:
                          url: %s/soap
                      timeout-seconds: 1
                """.formatted(base, closedPort, base, base), List.of(new PetsProvider("pets", "getPet"),
                new PetsProvider("petsdown", "getPetDown"), new CalcProvider(), new BellProvider()));
    }

    @AfterAll
    static void stop() {
        if (srv != null) {
            srv.close();
        }
        upstream.stop(0);
    }

    private static void pause(HttpExchange x) throws IOException {
        try {
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        HttpReplies.send(x, 200, "application/json", "{}");
    }

    /** Calls {@code tool}; returns the text of its error result, after checking it names nothing internal. */
    private static String error(String session, String tool, String arguments) throws Exception {
        JsonNode result = RawServer.json(srv.callTool(session, tool, arguments)).get("result");
        assertTrue(result.get("isError").asBoolean(), result.toString());
        String text = result.at("/content/0/text").asText();
        for (String internal : List.of("127.0.0.1", "http://", "org.apache", "java.", "dev.imcp", "Exception", "class ",
                ":" + upstream.getAddress().getPort(), ":" + closedPort)) {
            assertFalse(text.contains(internal), "'" + internal + "' in: " + text);
        }
        return text;
    }

    @Test
    void failuresOnThisSideOfTheWireSayWhatFailedWithoutInternals() throws Exception {
        String session = srv.initialize("2025-06-18");
        String text;
        try (LogCapture log = new LogCapture(Logger.getLogger(""))) {
            assertEquals("Upstream pets did not answer within 1 s", error(session, "getPet", "{\"id\":\"slow\"}"));
            assertEquals("Upstream petsdown could not be reached (connection refused)",
                    error(session, "getPetDown", "{\"id\":\"1\"}"));
            assertEquals("Upstream pets answered, but its response could not be read as the operation's output "
                    + "type: at $", error(session, "getPet", "{\"id\":\"array\"}"));
            soapMode = "slow";
            assertEquals("Upstream calc did not answer within 1 s", error(session, "add", "{\"a\":1,\"b\":2}"));
            soapMode = "wrong";
            text = error(session, "add", "{\"a\":1,\"b\":2}");
            assertTrue(text.startsWith("Upstream calc answered, but its response could not be read as the operation's "
                    + "output type: "), text);
            assertTrue(text.contains("multiplyResponse"), "names the element: " + text);
            // the server log has the detail the client does not get
            String logged = log.text();
            assertTrue(logged.contains("127.0.0.1:" + upstream.getAddress().getPort()), logged);
        }
        // what the upstream said stays in the result: status and body
        assertEquals("Upstream pets answered HTTP 404: {\"message\":\"no pet 7\"}", error(session, "getPet", "{\"id\":\"7\"}"));
    }

    @Test
    void aSoapUpstreamAnsweringHttp500WithPlainTextIsQuotedNotParsed() throws Exception {
        String session = srv.initialize("2025-06-18");
        soapMode = "plain500";
        String text = error(session, "add", "{\"a\":1,\"b\":2}");
        assertTrue(text.startsWith("Upstream calc answered HTTP 500: database is down"), text);
        assertTrue(text.length() < 2_200 && text.endsWith("... (truncated)"), "the body is cut: " + text.length()
                + " characters");
        assertFalse(text.contains("prolog") || text.contains("Unexpected character"), "no XML parser text: " + text);
    }

    /**
     * What a SOAP port's HTTP error said reaches the caller: CXF reads no body of a status from 400 up but 500 by
     * itself, and these were "Upstream calc answered HTTP 401" and the like, a SOAP 1.2 sender fault (HTTP 400) too.
     */
    @Test
    void aSoapUpstreamsHttpErrorsSayWhatTheUpstreamSaid() throws Exception {
        String session = srv.initialize("2025-06-18");
        String fault = "<?xml version=\"1.0\"?><!-- a fault --><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>b must not be negative"
                + "</faultstring></soap:Fault></soap:Body></soap:Envelope>";
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("reply 401 text/plain token expired", "Upstream calc answered HTTP 401: token expired");
        expected.put("reply 403 application/json {\"error\":\"forbidden\"}",
                "Upstream calc answered HTTP 403: {\"error\":\"forbidden\"}");
        expected.put("reply 503 text/html <html><body>Service Unavailable</body></html>",
                "Upstream calc answered HTTP 503: <html><body>Service Unavailable</body></html>");
        expected.put("reply 404 application/xml <error>no such port</error>",
                "Upstream calc answered HTTP 404: <error>no such port</error>");
        expected.put("reply 500 text/xml <error>not an envelope</error>",
                "Upstream calc answered HTTP 500: <error>not an envelope</error>");
        expected.put("reply 401 text/plain ", "Upstream calc answered HTTP 401");
        expected.put("bare 401", "Upstream calc answered HTTP 401");
        expected.put("bare 503", "Upstream calc answered HTTP 503");
        // a fault envelope where SOAP puts faults (400 for SOAP 1.2's env:Sender, 500) is read as the fault
        expected.put("reply 400 text/xml " + fault, "SOAP fault soap:Client: b must not be negative");
        expected.put("reply 500 text/xml " + fault, "SOAP fault soap:Client: b must not be negative");
        // a fault under another status is said by its code and reason, status first
        expected.put("reply 403 text/xml " + fault, "Upstream calc answered HTTP 403: SOAP fault soap:Client: b must not be negative");
        for (Map.Entry<String, String> c : expected.entrySet()) {
            soapMode = c.getKey();
            assertEquals(c.getValue(), error(session, "add", "{\"a\":1,\"b\":2}"), c.getKey());
        }
    }

    /**
     * A one-way operation's error answer keeps its status (CXF's own HTTPException): with CXF reading every answer,
     * the JDK's HttpURLConnection failed on a bodiless 401 or 503 while CXF closed it, and the status was lost.
     */
    @Test
    void aOneWayOperationsErrorWithoutABodyKeepsItsStatus() throws Exception {
        String session = srv.initialize("2025-06-18");
        onewayStatus = 202;
        JsonNode rung = RawServer.json(srv.callTool(session, "ring", "{\"times\":1}")).get("result");
        assertFalse(rung.path("isError").asBoolean(), rung.toString());
        for (int status : new int[] {401, 503, 404}) {
            onewayStatus = status;
            assertEquals("Upstream bell answered HTTP " + status, error(session, "ring", "{\"times\":1}"));
        }
    }
}
