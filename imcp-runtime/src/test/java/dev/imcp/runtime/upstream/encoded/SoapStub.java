package dev.imcp.runtime.upstream.encoded;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A stand-in SOAP 1.1 endpoint on 127.0.0.1: records the last request and answers with a canned response, or
 * with a function of the request body (an echo).
 */
final class SoapStub implements AutoCloseable {

    private final HttpServer server;
    volatile Headers lastHeaders;
    volatile byte[] lastBody;
    volatile String lastMethod;
    private volatile int status = 200;
    private volatile UnaryOperator<byte[]> answer = b -> new byte[0];
    private volatile boolean chunked;

    SoapStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/soap", exchange -> {
            lastMethod = exchange.getRequestMethod();
            lastHeaders = exchange.getRequestHeaders();
            lastBody = exchange.getRequestBody().readAllBytes();
            byte[] out = answer.apply(lastBody);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(status, chunked ? 0 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            } catch (IOException e) {
                // the client stopped reading (size limit): expected in those tests
            }
        });
        server.start();
    }

    /** Answers every request with {@code status} and {@code body}. */
    SoapStub answer(int status, String body) {
        return answer(status, body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Answers every request with {@code status} and {@code body}, chunked (no Content-Length) when asked. */
    SoapStub answer(int status, byte[] body, boolean chunked) {
        this.status = status;
        this.chunked = chunked;
        this.answer = b -> body;
        return this;
    }

    /** Answers every request with a function of its body. */
    SoapStub answer(UnaryOperator<byte[]> fn) {
        this.status = 200;
        this.chunked = false;
        this.answer = fn;
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/soap");
    }

    String lastBodyText() {
        return new String(lastBody, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
