package dev.imcp.runtime.upstream;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The runtime's shared {@link HttpClient}, built on its first request: building a JDK client initializes the
 * default {@link SSLContext} (the JSSE provider and the trust store, a few hundred milliseconds on a small
 * machine), which an adapter that has not called a REST upstream yet does not need, so {@code tools/list} is
 * answered sooner after start-up. Its settings (connect timeout, no redirects, HTTP/2 with HTTP/1.1 fallback)
 * are answered without building it; everything else delegates to the built client. Thread-safe.
 */
public final class LazyHttpClient extends HttpClient {

    private final Duration connectTimeout;
    private volatile HttpClient client;

    /**
     * @param connectTimeout the TCP connect timeout of every request
     */
    public LazyHttpClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder().connectTimeout(connectTimeout)
                            .followRedirects(Redirect.NEVER).version(Version.HTTP_2).build();
                    client = built;
                }
            }
        }
        return built;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.of(connectTimeout);
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_2;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client().send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client().sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return client().sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public void shutdown() {
        HttpClient built = client;
        if (built != null) {
            built.shutdown();
        }
    }

    @Override
    public void shutdownNow() {
        HttpClient built = client;
        if (built != null) {
            built.shutdownNow();
        }
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        HttpClient built = client;
        return built == null || built.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        HttpClient built = client;
        return built == null || built.isTerminated();
    }
}
