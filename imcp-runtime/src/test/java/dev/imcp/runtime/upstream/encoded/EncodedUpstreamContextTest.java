package dev.imcp.runtime.upstream.encoded;

import dev.imcp.runtime.upstream.UpstreamHttpClient;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.spi.EncodedSoapPort;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.upstream.DefaultUpstreamContext;
import dev.imcp.runtime.upstream.JsonMapping;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodedUpstreamContextTest {

    private static final String EMPTY_RESPONSE = """
            <e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>\
            <n:Company.GetReportSuitesResponse xmlns:n="http://www.omniture.com/">\
            <report_suites xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" enc:arrayType="n:report_suite[0]"/>\
            <total>0</total></n:Company.GetReportSuitesResponse></e:Body></e:Envelope>""";

    @Test
    void portCarriesConfiguredAddressCredentialsAndHeaders() throws Exception {
        try (SoapStub stub = new SoapStub()) {
            stub.answer(200, EMPTY_RESPONSE);
            ServiceDescriptor service = new ServiceDescriptor("omniture", "wsdl", "OmnitureAdminServices", null, "0",
                    "http://127.0.0.1:9/unused", Map.of("OmnitureAdminServicesPort", "http://127.0.0.1:9/unused"));
            ServiceConfig config = new ServiceConfig("omniture", null,
                    Map.of("OmnitureAdminServicesPort", stub.uri().toString()),
                    new OutboundAuth(OutboundAuth.Type.BASIC, null, "admin", "s3cret:pw"),
                    Map.of("X-Api-Version", "1.4"), Duration.ofSeconds(5), Set.of(), Set.of());
            DefaultUpstreamContext context = new DefaultUpstreamContext(service, config,
                    new UpstreamHttpClient(java.time.Duration.ofSeconds(5)), JsonMapping.create());

            EncodedSoapPort port = context.encodedSoapPort("OmnitureAdminServicesPort");
            assertSame(port, context.encodedSoapPort("OmnitureAdminServicesPort"), "one client per port");
            Object result = port.call(Omniture.GET_SUITES, Map.of());

            assertEquals(Map.of("report_suites", List.of(), "total", 0), result);
            assertEquals("Basic " + Base64.getEncoder().encodeToString("admin:s3cret:pw".getBytes(StandardCharsets.UTF_8)),
                    stub.lastHeaders.getFirst("Authorization"));
            assertEquals("1.4", stub.lastHeaders.getFirst("X-Api-Version"));
            assertEquals("\"http://www.omniture.com/Company.GetReportSuites\"", stub.lastHeaders.getFirst("SOAPAction"));
        }
    }

    @Test
    void portWithoutAddressNamesTheKey() {
        ServiceDescriptor service = new ServiceDescriptor("omniture", "wsdl", "t", null, "0", null, Map.of());
        DefaultUpstreamContext context = new DefaultUpstreamContext(service, ServiceConfig.empty("omniture"),
                new UpstreamHttpClient(java.time.Duration.ofSeconds(5)), JsonMapping.create());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> context.encodedSoapPort("P"));
        assertTrue(e.getMessage().contains("imcp.services.omniture.ports.P.url"), e.getMessage());
    }
}
