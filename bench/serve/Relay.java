import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;

/**
 * The "ceiling" row of bench/serve.sh: the adapter's two libraries on the request path and nothing else. A Helidon
 * SE web server (virtual thread per request, as the adapter's) reads each {@code POST /mcp} body whole and answers
 * with the body of one {@code GET} of the upstream URL, sent with Apache HttpClient 5's minimal client over a
 * keep-alive pool of the adapter's size ({@code UpstreamHttpClient}). No JSON-RPC, no session, no API key, no
 * validation, no audit: its req/s is the most any adapter built on these two libraries can reach on the machine,
 * and the adapter row's distance from it is what the adapter itself costs.
 *
 * <p>Run with the sample's fat jar on the class path:
 * {@code java -cp petstore-greeter.jar Relay.java <upstream URL>}; prints {@code relay=<address of /mcp>} and runs
 * until killed.
 */
public final class Relay {

    private Relay() {
    }

    public static void main(String[] args) throws InterruptedException {
        String upstream = args[0];
        HttpHost host = HttpHost.create(java.net.URI.create(upstream));
        CloseableHttpClient client = HttpClients.createMinimal(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(64)
                .setMaxConnTotal(256)
                .build());
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.post("/mcp", (request, response) -> {
                    request.content().as(byte[].class);
                    byte[] body;
                    try (ClassicHttpResponse answer = client.executeOpen(host, new HttpGet(upstream), null);
                            InputStream in = answer.getEntity().getContent()) {
                        body = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    response.header("Content-Type", "application/json");
                    response.send(body);
                }))
                .build()
                .start();
        System.out.println("relay=http://127.0.0.1:" + server.port() + "/mcp");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
