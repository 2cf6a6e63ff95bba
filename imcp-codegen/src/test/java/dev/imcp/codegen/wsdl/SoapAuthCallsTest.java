package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.TestContracts;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.spi.ToolProvider;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.xml.ws.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.cxf.BusFactory;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Outbound SOAP authentication for real: the adapter generated from {@code pricing.wsdl} (document/literal, CXF
 * JAX-WS client) and {@code registry.wsdl} (rpc/encoded, the SAAJ client on the JDK HTTP client) calls upstreams on
 * loopback that enforce it, each both ways: HTTP basic, WS-Security UsernameToken with PasswordText and
 * PasswordDigest (CXF's {@link WSS4JInInterceptor} on the endpoint), a custom SOAP header block, and mutual TLS
 * (CXF's Jetty transport with client authentication required; a JDK {@code HttpsServer} for the rpc/encoded port).
 *
 * <p>Each test starts its own {@link ImcpServer} with the configuration under test (the generated classes and the
 * endpoints are shared), calls the tool with the MCP Java SDK client, and checks that no configured secret reached
 * the tool result, the audit file or any log record.
 */
class SoapAuthCallsTest {

    private static final String USER = "svc-user";
    private static final String BASIC_PASSWORD = "B4sic-pa55-7c1e";
    private static final String TEXT_PASSWORD = "Ut-text-pa55-51d2";
    private static final String DIGEST_PASSWORD = "Ut-digest-pa55-9e0b";
    private static final String SESSION_NS = "urn:example:session";
    private static final String SESSION_ID = "SID-4f8a-9911-c0ffee";
    private static final String STORE_PASSWORD = "St0re-pa55-2b7f";
    private static final String WRONG_PASSWORD = "Wr0ng-pa55-0000";
    private static final List<String> SECRETS = List.of(BASIC_PASSWORD, TEXT_PASSWORD, DIGEST_PASSWORD, SESSION_ID,
            STORE_PASSWORD, WRONG_PASSWORD, basic(USER, BASIC_PASSWORD), basic(USER, WRONG_PASSWORD));

    @TempDir
    static Path work;

    private static URLClassLoader loader;
    private static final List<ToolProvider> providers = new ArrayList<>();
    private static final List<Endpoint> endpoints = new ArrayList<>();
    private static final AtomicInteger runs = new AtomicInteger();
    private static final List<String> logs = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringWriter out = new StringWriter();
            out.append(r.getLoggerName()).append(' ').append(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    out.append(' ').append(String.valueOf(p));
                }
            }
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(new PrintWriter(out));
            }
            logs.add(out.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static TestPki pki;
    private static String http;
    private static String https;
    private static HttpsServer encoded;

    @BeforeAll
    static void start() throws Exception {
        Path sources = work.resolve("java");
        Path resources = work.resolve("resources");
        new ImcpGenerator().generate(new CodegenRequest(
                List.of(Path.of("calls/pricing.wsdl"), Path.of("calls/registry.wsdl")),
                TestContracts.RESOURCES, sources, resources, "com.example.calls"));
        Endpoints.write(sources.resolve("calls/impl"), "PricingImpl");
        Path classes = Files.createDirectories(work.resolve("classes"));
        WsdlTestSupport.compile(sources, classes);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                SoapAuthCallsTest.class.getClassLoader());
        ServiceLoader.load(ToolProvider.class, loader).forEach(providers::add);
        assertEquals(2, providers.size(), providers.toString());
        pki = TestPki.create(work.resolve("pki"), STORE_PASSWORD);

        http = "http://127.0.0.1:" + WsdlTestSupport.freePort();
        int tlsPort = WsdlTestSupport.freePort();
        https = "https://127.0.0.1:" + tlsPort;
        TLSServerParameters tls = new TLSServerParameters();
        tls.setKeyManagers(pki.serverKeys);
        tls.setTrustManagers(pki.caTrust);
        ClientAuthentication clientAuth = new ClientAuthentication();
        clientAuth.setWant(true);
        clientAuth.setRequired(true);
        tls.setClientAuthentication(clientAuth);
        BusFactory.getDefaultBus().getExtension(JettyHTTPServerEngineFactory.class)
                .setTLSServerParametersForPort("127.0.0.1", tlsPort, tls);
        WsdlTestSupport.withLoader(loader, () -> {
            publish(http + "/basic", new BasicCheck());
            publish(http + "/ut-text", usernameTokenCheck(WSS4JConstants.PW_TEXT, TEXT_PASSWORD));
            publish(http + "/ut-digest", usernameTokenCheck(WSS4JConstants.PW_DIGEST, DIGEST_PASSWORD));
            publish(http + "/session", new SessionCheck());
            publish(https + "/mtls", null);
            return null;
        });
        encoded = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SSLContext serverContext = pki.serverContext();
        encoded.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = serverContext.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        encoded.createContext("/registry", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            int status = 200;
            byte[] body = SoapCallsTest.ENCODED_RESPONSE.getBytes(StandardCharsets.UTF_8);
            if (!basic(USER, BASIC_PASSWORD).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = new byte[0];
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
            } else if (!SESSION_ID.equals(sessionId(request))) {
                status = 500;
                body = ("<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><e:Fault>"
                        + "<faultcode>e:Client</faultcode><faultstring>no valid session header</faultstring>"
                        + "</e:Fault></e:Body></e:Envelope>").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        encoded.start();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterAll
    static void stop() throws IOException {
        Logger.getLogger("").removeHandler(capture);
        endpoints.forEach(Endpoint::stop);
        if (encoded != null) {
            encoded.stop(0);
        }
        if (loader != null) {
            loader.close();
        }
    }

    @BeforeEach
    void clearLogs() {
        logs.clear();
    }

    @Test
    void httpBasicIsRequiredByTheEndpointAndSent() throws Exception {
        Call none = quote(Map.of("ports.PricingPort.url", http + "/basic"));
        assertEquals("Upstream pricing answered HTTP 401: SOAP fault soap:Server: HTTP basic authentication required",
                none.error());
        Call wrong = quote(Map.of("ports.PricingPort.url", http + "/basic",
                "auth.type", "basic", "auth.username", USER, "auth.password", WRONG_PASSWORD));
        assertTrue(wrong.error().contains("401"), wrong.error());
        Call right = quote(Map.of("ports.PricingPort.url", http + "/basic",
                "auth.type", "basic", "auth.username", USER, "auth.password", BASIC_PASSWORD));
        right.assertQuoted();
    }

    @Test
    void usernameTokenPasswordText() throws Exception {
        Map<String, String> text = Map.of("ports.PricingPort.url", http + "/ut-text",
                "auth.type", "ws-security-username-token", "auth.username", USER, "auth.password-type", "text");
        Call none = quote(Map.of("ports.PricingPort.url", http + "/ut-text"));
        assertTrue(none.error().startsWith("SOAP fault "), none.error());
        Call wrong = quote(with(text, "auth.password", WRONG_PASSWORD));
        assertTrue(wrong.error().startsWith("SOAP fault "), wrong.error());
        assertTrue(wrong.error().contains("security"), wrong.error());
        quote(with(text, "auth.password", TEXT_PASSWORD)).assertQuoted();
        quote(with(with(with(text, "auth.password", TEXT_PASSWORD), "auth.nonce", "true"), "auth.created", "true"))
                .assertQuoted();
    }

    @Test
    void usernameTokenPasswordDigestIsTheDefault() throws Exception {
        Map<String, String> token = Map.of("ports.PricingPort.url", http + "/ut-digest",
                "auth.type", "ws-security-username-token", "auth.username", USER);
        Call wrong = quote(with(token, "auth.password", WRONG_PASSWORD));
        assertTrue(wrong.error().startsWith("SOAP fault "), wrong.error());
        Call text = quote(with(with(token, "auth.password", DIGEST_PASSWORD), "auth.password-type", "text"));
        assertTrue(text.error().startsWith("SOAP fault "), "the endpoint requires a digest: " + text.error());
        quote(with(token, "auth.password", DIGEST_PASSWORD)).assertQuoted();
        quote(with(with(token, "auth.password", DIGEST_PASSWORD), "auth.password-type", "digest")).assertQuoted();
    }

    @Test
    void customSoapHeaderBlockFromYamlReachesTheEndpoint() throws Exception {
        Call none = quote(Map.of("ports.PricingPort.url", http + "/session"));
        assertEquals("SOAP fault soap:Client: no valid session header", none.error());
        Call wrong = quote(Map.of("ports.PricingPort.url", http + "/session",
                "soap-headers.0", session("SID-expired-0001")));
        assertEquals("SOAP fault soap:Client: no valid session header", wrong.error());
        Call right = call("quote", quoteArguments(), Map.of(), """
                pricing:
                  ports: {PricingPort: {url: "%s/session"}}
                  soap-headers:
                    - >-
                      <s:Session xmlns:s="urn:example:session" tenant="acme-corp">
                      <s:sessionId>%s</s:sessionId></s:Session>
                """.formatted(http, SESSION_ID));
        right.assertQuoted();
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() throws Exception {
        Map<String, String> trustOnly = Map.of("ports.PricingPort.url", https + "/mtls",
                "tls.trust-store", pki.trustStore.toString(), "tls.trust-store-password", STORE_PASSWORD);
        Call refused = quote(trustOnly);
        // TLS 1.3 lets the client finish its handshake before the server checks the client certificate: the refusal
        // reaches the client as a TLS alert or as a connection closed under it, depending on timing.
        assertTrue(refused.error().startsWith("Upstream pricing could not be reached (TLS: ")
                || refused.error().startsWith("Upstream pricing could not complete the exchange"), refused.error());
        Call untrusted = quote(Map.of("ports.PricingPort.url", https + "/mtls",
                "tls.key-store", pki.clientKeyStore.toString(), "tls.key-store-password", STORE_PASSWORD));
        assertTrue(untrusted.error().startsWith("Upstream pricing could not be reached (TLS: "), "no trust in the test CA: "
                + untrusted.error());
        quote(with(with(trustOnly, "tls.key-store", pki.clientKeyStore.toString()),
                "tls.key-store-password", STORE_PASSWORD)).assertQuoted();
    }

    @Test
    void rpcEncodedPortSendsClientCertificateBasicAndSoapHeader() throws Exception {
        String url = "https://127.0.0.1:" + encoded.getAddress().getPort() + "/registry";
        Map<String, String> registry = new LinkedHashMap<>(Map.of("ports.RegistryPort.url", url,
                "auth.type", "basic", "auth.username", USER, "auth.password", BASIC_PASSWORD,
                "soap-headers.0", session(SESSION_ID),
                "tls.trust-store", pki.trustStore.toString(), "tls.trust-store-password", STORE_PASSWORD));
        Call refused = findMember(registry);
        assertTrue(refused.error().startsWith("Upstream registry could not be reached (TLS: ")
                || refused.error().startsWith("Upstream registry could not complete the exchange"), refused.error());
        registry.put("tls.key-store", pki.clientKeyStore.toString());
        registry.put("tls.key-store-password", STORE_PASSWORD);
        Call wrongSession = findMember(with(registry, "soap-headers.0", session("SID-expired-0001")));
        assertTrue(wrongSession.error().contains("no valid session header"), wrongSession.error());
        Call wrongPassword = findMember(with(registry, "auth.password", WRONG_PASSWORD));
        assertTrue(wrongPassword.error().startsWith("Upstream registry answered HTTP 401"), wrongPassword.error());
        Call right = findMember(registry);
        assertFalse(Boolean.TRUE.equals(right.result.isError()), right.result.toString());
        assertTrue(right.text().startsWith("{\"id\":42,"), right.text());
    }

    /** What one call returned, and what the adapter wrote to its audit file and logs meanwhile. */
    private record Call(McpSchema.CallToolResult result, String audit, List<String> logs) {

        /** Returns the text of an {@code isError} result, after checking it carries no stack trace. */
        String error() {
            assertEquals(Boolean.TRUE, result.isError(), result.toString());
            String text = text();
            assertFalse(text.contains("\tat ") || text.contains("Exception:\n") || text.contains(".java:"), text);
            return text;
        }

        String text() {
            return ((McpSchema.TextContent) result.content().get(0)).text();
        }

        void assertQuoted() {
            assertFalse(Boolean.TRUE.equals(result.isError()), result.toString());
            assertEquals("{\"result\":37.25}", text());
        }
    }

    /** Calls {@code quote} with {@code imcp.services.pricing.<key>: value} for each of {@code pricing}. */
    private static Call quote(Map<String, String> pricing) throws Exception {
        return call("quote", quoteArguments(), keys("pricing", pricing), "");
    }

    /** Calls {@code findMember} with {@code imcp.services.registry.<key>: value} for each of {@code registry}. */
    private static Call findMember(Map<String, String> registry) throws Exception {
        return call("findMember", Map.of("memberId", 42, "filter", Map.of("region", "EU", "active", true)),
                keys("registry", registry), "");
    }

    private static Map<String, String> keys(String service, Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((key, value) -> out.put("imcp.services." + service + "." + key, value));
        return out;
    }

    private static Map<String, Object> quoteArguments() {
        return Map.of("order", Map.of("sku", "A-1", "quantity", 3, "unitPrice", new BigDecimal("12.50")),
                "discount", new BigDecimal("0.25"));
    }

    /**
     * Starts a server configured with {@code keys} and the {@code imcp.services} entries of {@code services} (YAML,
     * as written under {@code services:}, may be empty), calls {@code tool}, stops the server and checks that no
     * secret got out.
     */
    private static Call call(String tool, Map<String, Object> arguments, Map<String, String> keys, String services)
            throws Exception {
        Path audit = work.resolve("audit-" + runs.incrementAndGet() + ".jsonl");
        String yaml = """
                server: {port: 0, host: 127.0.0.1}
                imcp:
                  audit: {file: "%s"}
                """.formatted(audit.toString().replace('\\', '/'))
                + (services.isEmpty() ? "" : "  services:\n" + services.indent(4));
        ImcpServer server = WsdlTestSupport.withLoader(loader, () -> ImcpServer.start(Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(keys), ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML))
                .build(), providers));
        McpSchema.CallToolResult result;
        try {
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                            .endpoint(ImcpServer.MCP_PATH).build())
                    .requestTimeout(Duration.ofSeconds(30))
                    .build();
            try {
                client.initialize();
                result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
            } finally {
                client.closeGracefully();
            }
        } finally {
            server.close();
        }
        Call call = new Call(result, Files.readString(audit), List.copyOf(logs));
        assertTrue(call.audit.contains("\"tool\":\"" + tool + "\""), call.audit);
        for (String secret : SECRETS) {
            assertFalse(result.toString().contains(secret), () -> "tool result leaks " + secret + ": " + result);
            assertFalse(call.audit.contains(secret), () -> "audit leaks " + secret + ": " + call.audit);
            for (String line : call.logs) {
                assertFalse(line.contains(secret), () -> "log leaks " + secret + ": " + line);
            }
        }
        return call;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.put(key, value);
        return out;
    }

    private static String session(String id) {
        return "<s:Session xmlns:s=\"" + SESSION_NS + "\"><s:sessionId>" + id + "</s:sessionId></s:Session>";
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the {@code sessionId} of a request's session header block, or {@code null}. */
    private static String sessionId(byte[] request) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(request));
            NodeList ids = doc.getElementsByTagNameNS(SESSION_NS, "sessionId");
            return ids.getLength() == 1 ? ids.item(0).getTextContent() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static void publish(String address, org.apache.cxf.interceptor.Interceptor<? extends Message> check)
            throws ReflectiveOperationException {
        Object implementor = loader.loadClass("calls.impl.PricingImpl").getConstructor().newInstance();
        EndpointImpl endpoint = (EndpointImpl) Endpoint.create(implementor);
        if (check != null) {
            endpoint.getInInterceptors().add(check);
        }
        endpoint.publish(address);
        endpoints.add(endpoint);
    }

    /** CXF's WS-Security interceptor, requiring a UsernameToken of {@code passwordType} with {@code password}. */
    private static WSS4JInInterceptor usernameTokenCheck(String passwordType, String password) {
        CallbackHandler passwords = callbacks -> {
            for (var c : callbacks) {
                if (c instanceof WSPasswordCallback pc && USER.equals(pc.getIdentifier())) {
                    pc.setPassword(password);
                }
            }
        };
        return new WSS4JInInterceptor(Map.of(
                ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN,
                ConfigurationConstants.PASSWORD_TYPE, passwordType,
                ConfigurationConstants.PW_CALLBACK_REF, passwords));
    }

    /** Refuses a request without the right HTTP basic credentials with HTTP 401 (and a SOAP fault). */
    private static final class BasicCheck extends AbstractPhaseInterceptor<Message> {

        BasicCheck() {
            super(Phase.RECEIVE);
        }

        @Override
        public void handleMessage(Message message) {
            AuthorizationPolicy credentials = message.get(AuthorizationPolicy.class);
            if (credentials == null || !USER.equals(credentials.getUserName())
                    || !BASIC_PASSWORD.equals(credentials.getPassword())) {
                Fault fault = new Fault(new SecurityException("HTTP basic authentication required"));
                fault.setStatusCode(401);
                throw fault;
            }
        }
    }

    /** Refuses a request without the session header block with the expected id with a Client fault. */
    private static final class SessionCheck extends AbstractSoapInterceptor {

        SessionCheck() {
            super(Phase.PRE_PROTOCOL);
        }

        @Override
        public void handleMessage(SoapMessage message) {
            Header header = message.getHeader(new QName(SESSION_NS, "Session"));
            boolean valid = header != null && header.getObject() instanceof Element block
                    && block.getElementsByTagNameNS(SESSION_NS, "sessionId").getLength() == 1
                    && SESSION_ID.equals(block.getElementsByTagNameNS(SESSION_NS, "sessionId").item(0).getTextContent());
            if (!valid) {
                Fault fault = new Fault(new SecurityException("no valid session header"));
                fault.setFaultCode(new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client"));
                throw fault;
            }
        }
    }
}
