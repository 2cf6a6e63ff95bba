package dev.imcp.runtime.upstream.encoded;

import dev.imcp.runtime.upstream.UpstreamHttpClient;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.config.TlsConfig;
import dev.imcp.runtime.spi.EncodedSoapPort;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.UpstreamException;
import dev.imcp.runtime.upstream.DefaultUpstreamContext;
import dev.imcp.runtime.upstream.JsonMapping;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rpc/encoded client's WS-Security UsernameToken and custom SOAP header blocks, checked by a stand-in endpoint
 * that validates the {@code wsse:Security} header with Apache WSS4J's own engine and answers a SOAP fault when it
 * fails.
 */
class EncodedSoapSecurityTest {

    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
    private static final String SESSION = "<s:Session xmlns:s=\"urn:example:session\"><s:id>SID-4f8a-9911</s:id></s:Session>";
    private static final String EMPTY_RESPONSE = """
            <e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>\
            <n:Company.GetReportSuitesResponse xmlns:n="http://www.omniture.com/">\
            <report_suites xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" enc:arrayType="n:report_suite[0]"/>\
            <total>0</total></n:Company.GetReportSuitesResponse></e:Body></e:Envelope>""";
    private static final String FAULT = """
            <e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><e:Fault>\
            <faultcode>e:Client</faultcode><faultstring>%s</faultstring></e:Fault></e:Body></e:Envelope>""";

    @Test
    void digestTokenAndHeaderBlockAreAcceptedByWss4j() throws Exception {
        try (SoapStub stub = enforcing("svc-user", "pa55-word")) {
            EncodedSoapPort port = port(stub, usernameToken("pa55-word", OutboundAuth.PasswordType.DIGEST, true, true));
            assertEquals(Map.of("report_suites", List.of(), "total", 0), port.call(Omniture.GET_SUITES, Map.of()));

            Document request = parse(stub.lastBody);
            Element password = (Element) request.getElementsByTagNameNS(WSSE, "Password").item(0);
            assertEquals(PROFILE + "#PasswordDigest", password.getAttribute("Type"));
            assertEquals(1, request.getElementsByTagNameNS(WSSE, "Nonce").getLength());
            assertFalse(stub.lastBodyText().contains("pa55-word"), "a digest never carries the password");
            assertEquals("SID-4f8a-9911", request.getElementsByTagNameNS("urn:example:session", "id").item(0).getTextContent());
            Element header = (Element) request.getDocumentElement().getFirstChild();
            assertEquals("Header", header.getLocalName(), "the Header precedes the Body (SOAP 1.1 section 4.1.1)");
        }
    }

    @Test
    void textTokenCarriesTheOptionalNonceAndCreated() throws Exception {
        try (SoapStub stub = enforcing("svc-user", "pa55-word")) {
            port(stub, usernameToken("pa55-word", OutboundAuth.PasswordType.TEXT, true, true))
                    .call(Omniture.GET_SUITES, Map.of());
            Document request = parse(stub.lastBody);
            Element password = (Element) request.getElementsByTagNameNS(WSSE, "Password").item(0);
            assertEquals(PROFILE + "#PasswordText", password.getAttribute("Type"));
            assertEquals(1, request.getElementsByTagNameNS(WSSE, "Nonce").getLength());
            assertEquals(1, request.getElementsByTagNameNS(
                    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd", "Created")
                    .getLength());
        }
    }

    @Test
    void wrongPasswordIsTheUpstreamsFaultWithoutThePassword() throws Exception {
        for (OutboundAuth.PasswordType type : OutboundAuth.PasswordType.values()) {
            try (SoapStub stub = enforcing("svc-user", "pa55-word")) {
                EncodedSoapPort port = port(stub, usernameToken("wrong-pa55", type, false, false));
                UpstreamException e = assertThrows(UpstreamException.class, () -> port.call(Omniture.GET_SUITES, Map.of()));
                assertTrue(e.getMessage().startsWith("SOAP fault e:Client: "), e.getMessage());
                assertFalse((e.getMessage() + e.body()).contains("wrong-pa55"), e::getMessage);
            }
        }
    }

    @Test
    void soapOnlySettingsOnARestServiceFailNamingTheKey() {
        ServiceDescriptor rest = new ServiceDescriptor("omniture", "openapi", "Omniture", null, "0",
                "http://127.0.0.1:9/api", Map.of());
        IllegalArgumentException token = assertThrows(IllegalArgumentException.class, () -> new DefaultUpstreamContext(
                rest, usernameToken("pa55-word", OutboundAuth.PasswordType.DIGEST, true, true), new UpstreamHttpClient(java.time.Duration.ofSeconds(5)),
                JsonMapping.create()));
        assertEquals("imcp.services.omniture.auth.type: ws-security-username-token applies to SOAP services only; "
                + "omniture is openapi", token.getMessage());
        ServiceConfig headersOnly = new ServiceConfig("omniture", null, Map.of(), OutboundAuth.NONE, Map.of(),
                List.of(SESSION), TlsConfig.NONE, Duration.ofSeconds(5), Set.of(), Set.of());
        IllegalArgumentException headers = assertThrows(IllegalArgumentException.class, () -> new DefaultUpstreamContext(
                rest, headersOnly, new UpstreamHttpClient(java.time.Duration.ofSeconds(5)), JsonMapping.create()));
        assertEquals("imcp.services.omniture.soap-headers apply to SOAP services only; omniture is openapi",
                headers.getMessage());
    }

    private static ServiceConfig usernameToken(String password, OutboundAuth.PasswordType type, boolean nonce,
            boolean created) {
        OutboundAuth auth = new OutboundAuth(OutboundAuth.Type.WS_SECURITY_USERNAME_TOKEN, null, "svc-user", password,
                type, nonce, created);
        return new ServiceConfig("omniture", null, Map.of(), auth, Map.of(), List.of(SESSION), TlsConfig.NONE,
                Duration.ofSeconds(5), Set.of(), Set.of());
    }

    private static EncodedSoapPort port(SoapStub stub, ServiceConfig config) {
        ServiceDescriptor service = new ServiceDescriptor("omniture", "wsdl", "OmnitureAdminServices", null, "0",
                stub.uri().toString(), Map.of("OmnitureAdminServicesPort", stub.uri().toString()));
        return new DefaultUpstreamContext(service, config, new UpstreamHttpClient(java.time.Duration.ofSeconds(5)), JsonMapping.create())
                .encodedSoapPort("OmnitureAdminServicesPort");
    }

    /** A stub that answers only requests whose UsernameToken WSS4J accepts for {@code user} and {@code password}. */
    private static SoapStub enforcing(String user, String password) throws Exception {
        WSSConfig.init();
        return new SoapStub().answer(body -> {
            try {
                RequestData data = new RequestData();
                data.setCallbackHandler(callbacks -> {
                    for (var c : callbacks) {
                        if (c instanceof WSPasswordCallback pc && user.equals(pc.getIdentifier())) {
                            pc.setPassword(password);
                        }
                    }
                });
                WSHandlerResult result = new WSSecurityEngine().processSecurityHeader(parse(body), data);
                if (result == null || result.getResults().isEmpty()) {
                    return FAULT.formatted("no UsernameToken").getBytes(StandardCharsets.UTF_8);
                }
                return EMPTY_RESPONSE.getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                return FAULT.formatted("security check failed: " + e.getClass().getSimpleName())
                        .getBytes(StandardCharsets.UTF_8);
            }
        });
    }

    private static Document parse(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }
}
