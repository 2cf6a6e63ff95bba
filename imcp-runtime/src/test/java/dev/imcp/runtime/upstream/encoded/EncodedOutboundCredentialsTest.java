package dev.imcp.runtime.upstream.encoded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.security.CurrentCaller;
import dev.imcp.runtime.spi.EncodedSoapPort;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.UpstreamException;
import dev.imcp.runtime.upstream.DefaultUpstreamContext;
import dev.imcp.runtime.upstream.JsonMapping;
import dev.imcp.runtime.upstream.UpstreamHttpClient;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound credential types on rpc/encoded SOAP calls, as on REST and CXF ones, against an endpoint on 127.0.0.1
 * that enforces them (401 otherwise) and a local OAuth 2.0 token endpoint: a client credentials token (renewed once
 * after a 401, a second 401 is the failure), a token exchanged for the caller's (renewed likewise), the caller's own
 * token (never retried) and an API key in the query or a cookie.
 */
class EncodedOutboundCredentialsTest {

    private static final String RESPONSE = """
            <e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>\
            <n:Company.GetReportSuitesResponse xmlns:n="http://www.omniture.com/">\
            <report_suites xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" enc:arrayType="n:report_suite[0]"/>\
            <total>0</total></n:Company.GetReportSuitesResponse></e:Body></e:Envelope>""";

    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger soapRequests = new AtomicInteger();
    private volatile String lastQuery;
    private volatile String lastCookie;
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", x -> {
            String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = form.startsWith("grant_type=client_credentials") || form.contains("subject_token=");
            String token = "tk-" + tokenRequests.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
            if (ok) {
                valid.add(token);
            }
            HttpReplies.send(x, ok ? 200 : 400, "application/json", ok ? "{\"access_token\":\"" + token
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}" : "{\"error\":\"invalid_grant\"}");
        });
        server.createContext("/soap", x -> {
            x.getRequestBody().readAllBytes();
            soapRequests.incrementAndGet();
            lastQuery = x.getRequestURI().getRawQuery();
            lastCookie = x.getRequestHeaders().getFirst("Cookie");
            String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
            boolean ok = auth.startsWith("Bearer ") && valid.contains(auth.substring(7))
                    || "k3y/+&".equals(lastQuery == null ? null : URLDecoder.decode(lastQuery.replaceFirst("^key=", ""),
                    StandardCharsets.UTF_8))
                    || "sid=c00kie".equals(lastCookie);
            HttpReplies.send(x, ok ? 200 : 401, ok ? "text/xml; charset=utf-8" : "text/plain",
                    ok ? RESPONSE : "token rejected by the registry");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private EncodedSoapPort port(Map<String, String> keys) {
        Map<String, String> all = new HashMap<>();
        keys.forEach((k, v) -> all.put("imcp.services.omniture." + k, v.replace("$BASE", base)));
        all.put("imcp.services.omniture.ports.OmnitureAdminServicesPort.url", base + "/soap");
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(all)).build();
        ServiceDescriptor service = new ServiceDescriptor("omniture", "wsdl", "OmnitureAdminServices", null, "0",
                null, Map.of("OmnitureAdminServicesPort", "http://127.0.0.1:9/unused"));
        return new DefaultUpstreamContext(service, RuntimeConfig.from(config).service("omniture"),
                new UpstreamHttpClient(Duration.ofSeconds(5)), JsonMapping.create(), new Redactor(List.of()))
                .encodedSoapPort("OmnitureAdminServicesPort");
    }

    private static Object callAs(Caller caller, EncodedSoapPort port) throws UpstreamException {
        try (CurrentCaller.Scope ignored = CurrentCaller.open(caller)) {
            return port.call(Omniture.GET_SUITES, Map.of());
        }
    }

    private static final Caller ROBOT = new Caller("robot", Set.of(), Set.of(), Caller.Kind.API_KEY);

    @Test
    void clientCredentialsTokenIsRenewedOnceAfterA401AndASecond401IsTheFailure() throws Exception {
        EncodedSoapPort port = port(Map.of("auth.type", "oauth2-client-credentials", "auth.token-url", "$BASE/token",
                "auth.client-id", "adapter", "auth.client-secret", "s3cret"));
        callAs(ROBOT, port);
        callAs(ROBOT, port);
        assertEquals(1, tokenRequests.get(), "cached");
        assertEquals(2, soapRequests.get());

        valid.clear();
        callAs(ROBOT, port);
        assertEquals(2, tokenRequests.get(), "one new token after the 401");
        assertEquals(4, soapRequests.get(), "the refused request and its one retry");

        server.removeContext("/token");
        server.createContext("/token", x -> {
            x.getRequestBody().readAllBytes();
            tokenRequests.incrementAndGet();
            HttpReplies.send(x, 200, "application/json", "{\"access_token\":\"never-valid\",\"expires_in\":300}");
        });
        valid.clear();
        UpstreamException e = assertThrows(UpstreamException.class, () -> callAs(ROBOT, port));
        assertEquals(401, e.status());
        assertTrue(e.body().contains("token rejected by the registry"), e.body());
        assertEquals(3, tokenRequests.get(), "one renewal only");
        assertEquals(6, soapRequests.get(), "one retry only");
    }

    @Test
    void anExchangedTokenIsRenewedOnceAForwardedOneNever() throws Exception {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln";
        Caller bob = new Caller("bob", Set.of(), Set.of(), Caller.Kind.JWT, null, jwt);
        EncodedSoapPort exchanged = port(Map.of("auth.type", "token-exchange", "auth.token-url", "$BASE/token"));
        callAs(bob, exchanged);
        valid.clear();
        callAs(bob, exchanged);
        assertEquals(2, tokenRequests.get());
        assertEquals(3, soapRequests.get());

        EncodedSoapPort forwarded = port(Map.of("auth.type", "caller-token"));
        UpstreamException e = assertThrows(UpstreamException.class, () -> callAs(bob, forwarded));
        assertEquals(401, e.status());
        assertEquals(4, soapRequests.get(), "the caller's own token is not retried");
    }

    @Test
    void apiKeyInTheQueryOrACookie() throws Exception {
        callAs(ROBOT, port(Map.of("auth.type", "api-key", "auth.in", "query", "auth.name", "key",
                "auth.value", "k3y/+&")));
        assertTrue(lastQuery.startsWith("key=k3y%2F"), lastQuery);
        callAs(ROBOT, port(Map.of("auth.type", "api-key", "auth.in", "cookie", "auth.name", "sid",
                "auth.value", "c00kie")));
        assertEquals("sid=c00kie", lastCookie);
        int sent = soapRequests.get();
        UpstreamException e = assertThrows(UpstreamException.class, () -> callAs(ROBOT, port(Map.of(
                "auth.type", "api-key", "auth.in", "cookie", "auth.name", "sid", "auth.value", "wrong"))));
        assertEquals(401, e.status());
        assertEquals(sent + 1, soapRequests.get(), "a static credential is never retried");
        assertEquals(0, tokenRequests.get());
    }
}
