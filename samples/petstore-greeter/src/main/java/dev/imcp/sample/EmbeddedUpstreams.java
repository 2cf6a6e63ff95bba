package dev.imcp.sample;

import dev.imcp.sample.hello_world.soap.DocLitBare;
import dev.imcp.sample.hello_world.soap.Greeter;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The sample's upstream services, started in the adapter's process on 127.0.0.1 and free ports: a
 * Helidon REST service implementing the petstore and adoptions contracts under {@code /v1}, and a CXF
 * SOAP endpoint (Jetty transport) implementing the {@code Greeter} and {@code DocLitBare} port types
 * of {@code hello_world.wsdl}.
 */
public final class EmbeddedUpstreams implements AutoCloseable {

    private final WebServer rest;
    private final Endpoint greeter;
    private final Endpoint docLitBare;
    private final String soapBase;

    private EmbeddedUpstreams(WebServer rest, Endpoint greeter, Endpoint docLitBare, String soapBase) {
        this.rest = rest;
        this.greeter = greeter;
        this.docLitBare = docLitBare;
        this.soapBase = soapBase;
    }

    /**
     * Starts both upstreams.
     *
     * @param sample the {@code sample} configuration node: {@code petstore-token}, the bearer token the
     *     REST upstream requires (none when absent)
     * @return the running upstreams
     */
    public static EmbeddedUpstreams start(Config sample) {
        String token = sample.get("petstore-token").asString().orElse(null);
        WebServer rest = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.register("/v1", new PetstoreService(token)))
                .shutdownHook(false) // SampleAdapter closes it after the adapter's calls in flight are done
                .build()
                .start();
        String soapBase = "http://127.0.0.1:" + freePort() + "/SoapContext";
        Endpoint greeter = Endpoint.publish(soapBase + "/SoapPort", new GreeterService());
        Endpoint docLitBare = Endpoint.publish(soapBase + "/SoapPort2", new DocLitBareService());
        return new EmbeddedUpstreams(rest, greeter, docLitBare, soapBase);
    }

    /** Returns the REST base URL ({@code http://127.0.0.1:<port>/v1}), matching the petstore's server path. */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + rest.port() + "/v1";
    }

    /** Returns the address of the {@link Greeter} port. */
    public String greeterAddress() {
        return soapBase + "/SoapPort";
    }

    /** Returns the address of the {@link DocLitBare} port. */
    public String docLitBareAddress() {
        return soapBase + "/SoapPort2";
    }

    @Override
    public void close() {
        greeter.stop();
        docLitBare.stop();
        rest.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1 for the embedded SOAP upstream", e);
        }
    }
}
