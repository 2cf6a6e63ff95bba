package dev.imcp.runtime.upstream;

import dev.imcp.runtime.spi.UpstreamException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The runtime's HTTP/1.1 client for upstream calls (REST operations, rpc/encoded SOAP, OAuth 2.0 token requests,
 * the JWT issuer's key set):
 * Apache HttpClient 5 (classic, blocking I/O, which a virtual thread waits on cheaply) over a pool of keep-alive
 * connections. The JDK's {@code java.net.http.HttpClient} spent about three times the CPU per loopback request
 * (measured with {@code bench/serve.sh}), most of it in its asynchronous machinery.
 *
 * <p>What it does and does not do, so that what the upstream receives is exactly what the adapter built: no
 * redirects followed, no automatic retries (a call is never sent twice), no cookies kept, no content compression
 * negotiated, no authentication of its own. Limits: {@code connectTimeout} to open a connection; the {@code
 * deadline} of {@link #send} covers the whole exchange, headers and body (a response trickling in byte by byte
 * does not outlive it); at most {@code maxBytes} of a response body are read. The pool keeps up to {@value
 * #MAX_PER_ROUTE} connections per upstream host and port and {@value #MAX_TOTAL} in all; a pooled connection
 * idle for more than a second is checked before reuse, and idle ones are closed after 30 seconds (swept every 10).
 *
 * <p>The underlying client is built on the first request: an adapter that has not called an upstream yet does
 * not pay for its classes or for initializing TLS. Interrupting the calling thread (cancellation) aborts the
 * exchange. Thread-safe.
 */
public final class UpstreamHttpClient implements AutoCloseable {

    /** Pooled connections per upstream (scheme, host, port). */
    public static final int MAX_PER_ROUTE = 64;

    /** Pooled connections in all. */
    public static final int MAX_TOTAL = 256;

    private final Duration connectTimeout;
    private final SSLContext tls;
    private volatile CloseableHttpClient client;
    private volatile boolean closed;

    /**
     * @param connectTimeout how long opening a TCP connection (and its TLS handshake) may take
     */
    public UpstreamHttpClient(Duration connectTimeout) {
        this(connectTimeout, null);
    }

    private UpstreamHttpClient(Duration connectTimeout, SSLContext tls) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.tls = tls;
    }

    /**
     * Returns a client with the same settings whose HTTPS connections use {@code context} (a service's own trust
     * and key stores, {@code imcp.services.<id>.tls}), with a pool of its own.
     *
     * @param context the TLS context
     * @return the new client
     */
    public UpstreamHttpClient withTls(SSLContext context) {
        return new UpstreamHttpClient(connectTimeout, Objects.requireNonNull(context, "context"));
    }

    /** A response read whole: status, headers (looked up case-insensitively) and body. */
    public record Response(int status, Header[] headers, byte[] body) {

        /** Returns the first value of header {@code name} (case-insensitive), if sent. */
        public Optional<String> header(String name) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return Optional.ofNullable(h.getValue());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Sends one request and reads its response.
     *
     * @param method the HTTP method, e.g. {@code GET}, {@code PATCH}
     * @param uri the absolute request URI
     * @param headers the request headers, in order; a later name replaces an earlier one case-insensitively
     * @param body the request body, or {@code null} for none ({@code POST}, {@code PUT} and {@code PATCH} then send
     *     {@code Content-Length: 0})
     * @param deadline how long the whole exchange may take, from sending to the last byte of the body
     * @param maxBytes the largest response body read, in bytes
     * @return the response, whatever its status
     * @throws UpstreamException with status 0 when the upstream cannot be reached, the connection fails, the deadline
     *     passes ({@code "no complete answer within <n> s"}) or the calling thread is interrupted (its flag is kept),
     *     with what failed as its cause (a {@link TimeoutException} for the deadline);
     *     with the response's status when its {@code Content-Length} or the bytes actually sent exceed
     *     {@code maxBytes} (the connection is then closed, nothing more is read)
     */
    public Response send(String method, URI uri, Map<String, String> headers, byte[] body, Duration deadline,
            long maxBytes) throws UpstreamException {
        HttpUriRequestBase request = new HttpUriRequestBase(method.toUpperCase(Locale.ROOT), uri);
        headers.forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null)); // Content-Type is among the headers, as given
        } else if (method.equalsIgnoreCase("POST") || method.equalsIgnoreCase("PUT") || method.equalsIgnoreCase("PATCH")) {
            request.setEntity(new ByteArrayEntity(new byte[0], null));
        }
        long millis = Math.max(1, deadline.toMillis());
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(millis)).build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = Deadlines.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, millis);
        try (ClassicHttpResponse response = client().executeOpen(HttpHost.create(uri), request, null)) {
            int status = response.getCode();
            try {
                return new Response(status, response.getHeaders(), read(response.getEntity(), status, maxBytes));
            } catch (UpstreamException tooLarge) {
                // Drop the connection before the response is closed: closing an unfinished body reads it to its end
                // to keep the connection, which for a large or trickling body lasts until the deadline.
                request.cancel();
                throw tooLarge;
            }
        } catch (UpstreamException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                throw new UpstreamException(0, "no complete answer within " + seconds(deadline), "",
                        e instanceof SocketTimeoutException ? e : new TimeoutException("deadline of " + seconds(deadline)));
            }
            if (e instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                throw new UpstreamException(0, "connection timed out", "", e);
            }
            if (Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException) {
                throw new UpstreamException(0, "interrupted", "");
            }
            throw new UpstreamException(0, e.getClass().getSimpleName() + ": " + e.getMessage(), "", e);
        } finally {
            timer.cancel(false);
        }
    }

    /** Reads {@code entity} whole, refusing more than {@code maxBytes} (then {@link #send} drops the connection). */
    private static byte[] read(HttpEntity entity, int status, long maxBytes) throws IOException, UpstreamException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > maxBytes) {
            throw new UpstreamException(status, ResponseLimit.tooLarge(maxBytes), "");
        }
        // Not closed when too large: closing would read the rest of the body; send drops the connection instead.
        InputStream in = entity.getContent();
        long length = entity.getContentLength();
        if (length >= 0 && length <= Integer.MAX_VALUE - 8) {
            // the usual case: one array of exactly the declared size (a body shorter than declared is a truncated
            // response, which the connection reports as an error)
            byte[] body = in.readNBytes((int) length);
            in.close();
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[8 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new UpstreamException(status, ResponseLimit.tooLarge(maxBytes), "");
            }
            out.write(buffer, 0, n);
        }
        in.close();
        return out.toByteArray();
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private CloseableHttpClient client() {
        CloseableHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build();
                    client = built;
                }
            }
        }
        return built;
    }

    private CloseableHttpClient build() {
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(MAX_PER_ROUTE)
                .setMaxConnTotal(MAX_TOTAL)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build());
        // A service's own context, else the JVM's (javax.net.ssl.trustStore and friends), as the JDK client used.
        pool.setTlsSocketStrategy(tls != null ? new DefaultClientTlsStrategy(tls) : DefaultClientTlsStrategy.createSystemDefault());
        PoolingHttpClientConnectionManager connections = pool.build();
        sweepIdle(connections);
        // HttpClient's minimal client: only the request interceptors HTTP/1.1 needs (Host, Content-Length,
        // Connection, User-Agent), without the redirect, retry, cookie, compression and authentication stages of
        // the full one, which were all turned off yet cost about a fifth of the client's CPU per call (JFR).
        return HttpClients.createMinimal(connections);
    }

    /** Closes pooled connections idle for 30 seconds, checking every 10 seconds until the client is closed. */
    private void sweepIdle(PoolingHttpClientConnectionManager connections) {
        Deadlines.schedule(() -> {
            if (closed) {
                return;
            }
            connections.closeExpired();
            connections.closeIdle(TimeValue.ofSeconds(30));
            sweepIdle(connections);
        }, 10_000);
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        closed = true;
        CloseableHttpClient built = client;
        if (built != null) {
            try {
                built.close();
            } catch (IOException e) {
                // closing pooled sockets: nothing left to do
            }
        }
    }
}
