package dev.imcp.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The upstream of the conformance adapter: a REST service on 127.0.0.1 (JDK HTTP server) under {@code /fixtures}
 * whose answers are what the MCP conformance suite expects of its fixture tools, once iMCP has turned them into tool
 * results: {@code /simple-text} (text/plain), {@code /image} (a 4x4 PNG drawn at start-up), {@code /audio} (0.1 s of
 * 8 kHz WAV silence), {@code /embedded-resource} (text/plain with {@code Content-Location: test://embedded-resource}),
 * {@code /mixed} (multipart/mixed: text, the PNG, and a JSON part at {@code test://mixed-content-resource}),
 * {@code /error} (500 with a text body), {@code /slow}, {@code /logged}, {@code /logging-tool} and
 * {@code /streaming-elicitation} (text after 150 ms).
 */
public final class FixtureUpstream implements AutoCloseable {

    static final String SIMPLE_TEXT = "This is a simple text response for testing.";
    static final String EMBEDDED = "This is an embedded resource content.";
    static final String ERROR = "This tool intentionally returns an error for testing";
    private static final String BOUNDARY = "imcp-conformance-part";

    private final HttpServer server;
    private final byte[] png = png();
    private final byte[] wav = wav();

    private FixtureUpstream(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the upstream.
     *
     * @param port the port on 127.0.0.1, 0 for any free one
     * @return the running upstream
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static FixtureUpstream start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            FixtureUpstream upstream = new FixtureUpstream(server);
            server.createContext("/fixtures/", upstream::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Returns the base URL the adapter calls, {@code http://127.0.0.1:<port>/fixtures}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fixtures";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/fixtures".length());
            switch (path) {
                case "/simple-text" -> send(exchange, 200, "text/plain; charset=utf-8", text(SIMPLE_TEXT));
                case "/image" -> send(exchange, 200, "image/png", png);
                case "/audio" -> send(exchange, 200, "audio/wav", wav);
                case "/embedded-resource" -> {
                    exchange.getResponseHeaders().add("Content-Location", "test://embedded-resource");
                    send(exchange, 200, "text/plain; charset=utf-8", text(EMBEDDED));
                }
                case "/mixed" -> send(exchange, 200, "multipart/mixed; boundary=" + BOUNDARY, mixed());
                case "/error" -> send(exchange, 500, "text/plain; charset=utf-8", text(ERROR));
                case "/slow", "/logged", "/logging-tool", "/streaming-elicitation" -> {
                    sleep();
                    send(exchange, 200, "text/plain; charset=utf-8", text("Completed after 150 ms."));
                }
                default -> send(exchange, 404, "text/plain; charset=utf-8", text("no fixture at " + path));
            }
        }
    }

    private byte[] mixed() {
        String body = "--" + BOUNDARY + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Multiple content types test:\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Type: image/png\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(png) + "\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Location: test://mixed-content-resource\r\n\r\n"
                + "{\"test\":\"data\",\"value\":123}\r\n"
                + "--" + BOUNDARY + "--\r\n";
        return text(body);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xCC2200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] wav() {
        AudioFormat format = new AudioFormat(8000f, 8, 1, true, false);
        byte[] silence = new byte[800];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(silence), format, silence.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
