package dev.imcp.runtime.upstream.encoded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.runtime.config.RuntimeConfig;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The caller's credentials on rpc/encoded SOAP calls, as on REST ones: the caller's JWT forwarded
 * ({@code auth.type: caller-token}) and a tenant's credential set ({@code tenants.<tenant>}), sent to a SOAP endpoint
 * on 127.0.0.1.
 */
class EncodedCallerCredentialsTest {

    private static final String RESPONSE = """
            <e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>\
            <n:Company.GetReportSuitesResponse xmlns:n="http://www.omniture.com/">\
            <report_suites xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" enc:arrayType="n:report_suite[0]"/>\
            <total>0</total></n:Company.GetReportSuitesResponse></e:Body></e:Envelope>""";

    private static EncodedSoapPort port(SoapStub stub, Map<String, String> keys) {
        Map<String, String> all = new HashMap<>(keys);
        all.put("imcp.services.omniture.ports.OmnitureAdminServicesPort.url", stub.uri().toString());
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(all)).build();
        ServiceDescriptor service = new ServiceDescriptor("omniture", "wsdl", "OmnitureAdminServices", null, "0",
                null, Map.of("OmnitureAdminServicesPort", "http://127.0.0.1:9/unused"));
        return new DefaultUpstreamContext(service, RuntimeConfig.from(config).service("omniture"),
                new UpstreamHttpClient(Duration.ofSeconds(5)), JsonMapping.create())
                .encodedSoapPort("OmnitureAdminServicesPort");
    }

    private static Object callAs(Caller caller, EncodedSoapPort port) throws UpstreamException {
        try (CurrentCaller.Scope ignored = CurrentCaller.open(caller)) {
            return port.call(Omniture.GET_SUITES, Map.of());
        }
    }

    @Test
    void theCallersTokenIsForwarded() throws Exception {
        try (SoapStub stub = new SoapStub()) {
            stub.answer(200, RESPONSE);
            EncodedSoapPort port = port(stub, Map.of("imcp.services.omniture.auth.type", "caller-token"));
            callAs(new Caller("alice", Set.of(), Set.of(), Caller.Kind.JWT, null, "jwt-of-alice"), port);
            assertEquals("Bearer jwt-of-alice", stub.lastHeaders.getFirst("Authorization"));
            UpstreamException e = assertThrows(UpstreamException.class,
                    () -> callAs(new Caller("robot", Set.of(), Set.of(), Caller.Kind.API_KEY), port));
            assertTrue(e.getMessage().contains("only callers authenticated with a JWT bearer token"), e.getMessage());
        }
    }

    @Test
    void theCallersTenantSelectsTheCredentials() throws Exception {
        try (SoapStub stub = new SoapStub()) {
            stub.answer(200, RESPONSE);
            EncodedSoapPort port = port(stub, Map.of(
                    "imcp.services.omniture.tenants.acme.auth.type", "basic",
                    "imcp.services.omniture.tenants.acme.auth.username", "acme",
                    "imcp.services.omniture.tenants.acme.auth.password", "acme-pw",
                    "imcp.services.omniture.tenants.globex.auth.type", "bearer",
                    "imcp.services.omniture.tenants.globex.auth.token", "globex-token"));
            callAs(new Caller("a", Set.of(), Set.of(), Caller.Kind.API_KEY, "acme", null), port);
            assertEquals("Basic " + Base64.getEncoder().encodeToString("acme:acme-pw".getBytes(StandardCharsets.UTF_8)),
                    stub.lastHeaders.getFirst("Authorization"));
            callAs(new Caller("g", Set.of(), Set.of(), Caller.Kind.API_KEY, "globex", null), port);
            assertEquals("Bearer globex-token", stub.lastHeaders.getFirst("Authorization"));
            UpstreamException e = assertThrows(UpstreamException.class,
                    () -> callAs(new Caller("i", Set.of(), Set.of(), Caller.Kind.API_KEY, "initech", null), port));
            assertEquals("service omniture has no credentials for tenant 'initech' (set "
                    + "imcp.services.omniture.tenants.<tenant>, or unknown-tenant: default)", e.getMessage());
        }
    }
}
