package dev.imcp.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The sample's tests talking MCP over Streamable HTTP with the demo API key. */
final class SampleMcp {

    private SampleMcp() {
    }

    /**
     * POSTs one JSON-RPC message to {@code mcp} with the demo key, and the session when there is one.
     *
     * @param session the {@code Mcp-Session-Id} from {@code initialize}, or {@code null} for {@code initialize}
     */
    static HttpResponse<String> post(HttpClient http, URI mcp, String session, String body) throws Exception {
        return post(http, mcp, session, null, body);
    }

    /** As {@link #post(HttpClient, URI, String, String)}, with {@code MCP-Protocol-Version: version} when not null. */
    static HttpResponse<String> post(HttpClient http, URI mcp, String session, String version, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp)
                .header("Authorization", "Bearer imcp-demo-key")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        if (version != null) {
            request.header("MCP-Protocol-Version", version);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
