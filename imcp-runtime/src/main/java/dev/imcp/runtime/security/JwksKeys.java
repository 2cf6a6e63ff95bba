package dev.imcp.runtime.security;

import com.nimbusds.jose.jwk.JWKSet;
import dev.imcp.runtime.spi.UpstreamException;
import dev.imcp.runtime.upstream.UpstreamHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys of a token issuer: a JWK Set (RFC 7517 section 5) fetched from {@code imcp.auth.jwt.jwks-url}
 * and cached, or read once from {@code imcp.auth.jwt.jwks-file}. Thread-safe.
 *
 * <p>A fetched set is used for {@link #MAX_AGE}, then fetched again on the next use; when that fetch fails the old
 * set stays in use (and the failure is logged). A token naming a key the set lacks (the issuer rotated its keys)
 * may trigger a fetch through {@link #refresh()}, but at most once per {@link #MIN_REFRESH} whatever callers send,
 * so that tokens with made-up key ids cannot make the adapter flood the issuer. A fetch times out after 10 seconds
 * and reads at most {@value #MAX_BYTES} bytes.
 */
public final class JwksKeys {

    /** How long a fetched key set is used before it is fetched again: 5 minutes. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** The shortest time between two fetches: 30 seconds. */
    public static final Duration MIN_REFRESH = Duration.ofSeconds(30);
    /** The largest key set document read, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(JwksKeys.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final Clock clock;
    private final UpstreamHttpClient http;
    private volatile JWKSet keys;
    private volatile Instant fetchedAt = Instant.MIN;
    private Instant lastAttempt; // guarded by this

    private JwksKeys(URI url, JWKSet keys, Clock clock) {
        this.url = url;
        this.keys = keys;
        this.clock = clock;
        this.http = url == null ? null : new UpstreamHttpClient(TIMEOUT);
    }

    /**
     * Keys fetched from {@code url} on first use and kept as the class describes.
     *
     * @param url the JWKS URL
     * @param clock the clock of {@link #MAX_AGE} and {@link #MIN_REFRESH}
     * @return the key source
     */
    public static JwksKeys remote(URI url, Clock clock) {
        return new JwksKeys(url, null, clock);
    }

    /**
     * Keys read now from a JWK Set file and never refreshed.
     *
     * @param file the file (UTF-8 JSON)
     * @return the key source
     * @throws IllegalArgumentException naming {@code imcp.auth.jwt.jwks-file} when the file cannot be read or is
     *     not a JWK Set
     */
    public static JwksKeys file(Path file) {
        try {
            return new JwksKeys(null, JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8)), Clock.systemUTC());
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("imcp.auth.jwt.jwks-file " + file + " is not a readable JWK Set: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns the current key set, fetching it when none was fetched yet or it is older than {@link #MAX_AGE}.
     *
     * @return the keys
     * @throws IOException when no key set was ever fetched and the fetch fails
     */
    public JWKSet current() throws IOException {
        JWKSet set = keys;
        if (url == null || set != null && clock.instant().isBefore(fetchedAt.plus(MAX_AGE))) {
            return set;
        }
        synchronized (this) {
            if (keys == null || !clock.instant().isBefore(fetchedAt.plus(MAX_AGE))) {
                fetch();
            }
            if (keys == null) {
                throw new IOException("no key set could be fetched from " + url);
            }
            return keys;
        }
    }

    /**
     * Fetches the key set again if the last fetch was at least {@link #MIN_REFRESH} ago: what a token signed by an
     * unknown key asks for.
     *
     * @return the new key set, or empty when none was fetched (too soon, a file, or the fetch failed)
     */
    public synchronized Optional<JWKSet> refresh() {
        if (url == null) {
            return Optional.empty();
        }
        JWKSet before = keys;
        fetch();
        return keys == before ? Optional.empty() : Optional.of(keys);
    }

    /**
     * Fetches the set unless the last attempt was less than {@link #MIN_REFRESH} ago; on failure keeps the old one
     * and logs a WARNING. Called with the lock held.
     */
    private void fetch() {
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(MIN_REFRESH))) {
            return;
        }
        lastAttempt = now;
        try {
            UpstreamHttpClient.Response response = http.send("GET", url,
                    Map.of("Accept", "application/jwk-set+json, application/json"), null, TIMEOUT, MAX_BYTES);
            if (response.status() != 200) {
                throw new IOException("HTTP " + response.status());
            }
            keys = JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8));
            fetchedAt = now;
        } catch (IOException | UpstreamException | ParseException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot fetch the JWK Set at " + url + " (imcp.auth.jwt.jwks-url): "
                    + e.getMessage() + (keys == null ? "" : "; the keys fetched before stay in use"));
        }
    }
}
