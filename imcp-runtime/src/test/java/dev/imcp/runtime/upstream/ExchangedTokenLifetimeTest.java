package dev.imcp.runtime.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.TokenExchange;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.security.CurrentCaller;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An exchanged token (RFC 8693) is not used past the {@code exp} of the caller's JWT it was exchanged for, though the
 * token endpoint says it lives five minutes: a local token endpoint counts the exchanges.
 */
class ExchangedTokenLifetimeTest {

    private final AtomicInteger exchanges = new AtomicInteger();
    private HttpServer endpoint;
    private PerCallAuth auth;
    private Redactor redactor;

    @BeforeEach
    void start() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/token", x -> {
            x.getRequestBody().readAllBytes();
            HttpReplies.send(x, 200, "application/json", "{\"access_token\":\"xt-" + exchanges.incrementAndGet()
                    + "-" + Long.toHexString(System.nanoTime()) + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        });
        endpoint.start();
        TokenExchange exchange = new TokenExchange(URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()
                + "/token"), null, null, "inventory", null, List.of(), TokenExchange.ACCESS_TOKEN_TYPE, null);
        OutboundAuth outbound = new OutboundAuth(OutboundAuth.Type.TOKEN_EXCHANGE, null, null, null,
                OutboundAuth.PasswordType.DIGEST, false, false, exchange);
        redactor = new Redactor(List.of());
        auth = new PerCallAuth("inv", outbound, new OAuth2Tokens(new UpstreamHttpClient(Duration.ofSeconds(5)),
                new ObjectMapper(), Duration.ofSeconds(5), 1 << 20, redactor::register), redactor);
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    /** A JWT-shaped token expiring at {@code exp}; only its payload matters here (the inbound side checked it). */
    private static String jwt(String subject, Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + exp.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private String bearerAs(String token) throws Exception {
        try (CurrentCaller.Scope ignored = CurrentCaller.open(new Caller("c", Set.of(), Set.of(), Caller.Kind.JWT,
                null, token))) {
            return auth.bearer().authorization();
        }
    }

    @Test
    void anExchangedTokenDoesNotOutliveTheCallersToken() throws Exception {
        String shortLived = jwt("bob", Instant.now().plusSeconds(2));
        String first = bearerAs(shortLived);
        assertEquals(first, bearerAs(shortLived), "reused while the caller's token is valid");
        assertEquals(1, exchanges.get());
        assertEquals("Bearer ***", redactor.redact(first), "the issued token is registered");
        assertEquals("***", redactor.redact(shortLived), "the caller's token is registered");

        String longLived = jwt("carol", Instant.now().plusSeconds(3600));
        String carols = bearerAs(longLived);
        assertEquals(2, exchanges.get());

        Thread.sleep(Duration.between(Instant.now(), Instant.ofEpochSecond(PerCallAuth.expiry(shortLived)
                .getEpochSecond())).plusMillis(300).toMillis());
        assertNotEquals(first, bearerAs(shortLived), "past the caller's exp the exchanged token is not reused");
        assertEquals(3, exchanges.get());
        assertEquals(carols, bearerAs(longLived), "a token exchanged for a long-lived one lives its expires_in");
        assertEquals(3, exchanges.get());
    }

    @Test
    void expiryIsReadFromTheJwtPayloadOnly() {
        Instant at = Instant.ofEpochSecond(2_000_000_000L);
        assertEquals(at, PerCallAuth.expiry(jwt("x", at)));
        assertNull(PerCallAuth.expiry("not-a-jwt"));
        assertNull(PerCallAuth.expiry("a.%%%.c"));
        assertNull(PerCallAuth.expiry("a.e30.c"), "no exp claim");
    }
}
