package dev.imcp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.runtime.ImcpServer;
import io.helidon.config.Config;
import jakarta.xml.ws.Endpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample's configuration from environment variables whose keys hold {@code -}, {@code _} and capitals (issue 9):
 * with the embedded upstreams switched off by {@code SAMPLE_EMBEDDED_UPSTREAMS=false}, {@code greetMe} reaches a
 * Greeter on loopback only through {@code IMCP_SERVICES_HELLO_WORLD_PORTS_SOAPPORT_URL}.
 */
class SampleConfigTest {

    @Test
    void environmentVariablesSetKeysWithDashesUnderscoresAndCapitals() throws Exception {
        String address;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            address = "http://127.0.0.1:" + socket.getLocalPort() + "/greeter";
        }
        Endpoint greeter = Endpoint.publish(address, new GreeterService());
        Map<String, String> env = Map.of("SAMPLE_EMBEDDED_UPSTREAMS", "false",
                "IMCP_SERVICES_HELLO_WORLD_PORTS_SOAPPORT_URL", address, "SERVER_PORT", "0");
        Config config = SampleAdapter.config(env, ImcpServer.providers(), null);
        assertFalse(config.get("sample.embedded-upstreams").asBoolean().get());
        assertEquals(address, config.get("imcp.services.hello_world.ports.SoapPort.url").asString().get());
        assertFalse(config.get("imcp.services.hello_world.ports.soapport.url").exists(), "no second, lower-case port");
        try (ImcpServer server = ImcpServer.start(config, ImcpServer.providers())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> init = SampleMcp.post(http, server.uri(), null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                    + "\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            assertEquals(200, init.statusCode(), init.body());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            HttpResponse<String> call = SampleMcp.post(http, server.uri(), session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"greetMe\",\"arguments\":{\"requestType\":\"Ada\"}}}");
            assertEquals(200, call.statusCode(), call.body());
            assertTrue(call.body().contains("Hello Ada") && !call.body().contains("\"isError\":true"), call.body());
        } finally {
            greeter.stop();
        }
    }
}
