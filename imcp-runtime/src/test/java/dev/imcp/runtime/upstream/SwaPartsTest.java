package dev.imcp.runtime.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.config.TlsConfig;
import dev.imcp.runtime.fixture.Files;
import dev.imcp.runtime.spi.MimePart;
import dev.imcp.runtime.spi.ServiceDescriptor;
import jakarta.xml.soap.AttachmentPart;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.Holder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SOAP with Attachments through a proxy made from an SEI alone: the parts named by {@link MimePart}s go out as MIME
 * attachments and come back from them, checked against a stand-in endpoint that records the raw request and answers
 * with canned multipart responses (read back with SAAJ, not CXF).
 */
class SwaPartsTest {

    private static final byte[] PDF = bytes(9_000, 3);
    private static final String BOUNDARY = "uuid:4d1e-b0undary";

    /** The last request: {@code content-type} and {@code body} (ISO-8859-1, byte for byte). */
    private static final Map<String, String> LAST = new ConcurrentHashMap<>();
    /** The Content-ID the next {@code get} response gives its attachment. */
    private static volatile String contentId;

    private static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            LAST.put("content-type", exchange.getRequestHeaders().getFirst("Content-Type"));
            LAST.put("traceparent", String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            LAST.put("body", new String(request, StandardCharsets.ISO_8859_1));
            String action = String.valueOf(exchange.getRequestHeaders().getFirst("SOAPAction"));
            byte[] body;
            if (action.contains("get")) {
                body = multipart(contentId);
                exchange.getResponseHeaders().add("Content-Type", "multipart/related; type=\"text/xml\"; boundary=\""
                        + BOUNDARY + "\"; start=\"<root@example.com>\"");
            } else {
                body = envelope("<putResponse xmlns=\"urn:test:files\">stored</putResponse>");
                exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void anInputPartIsSentAsAMimeAttachmentNotInTheBody() throws Exception {
        Files files = port(true, List.of(MimePart.input("put", "document", "application/pdf")));

        assertEquals("stored", files.put("report.pdf", PDF));

        // multipart/related with the envelope as a text/xml root, although the service is configured for MTOM
        String contentType = LAST.get("content-type");
        assertTrue(contentType.startsWith("multipart/related") && contentType.contains("type=\"text/xml\""), contentType);
        SOAPMessage request = MessageFactory.newInstance().createMessage(headers(contentType),
                new ByteArrayInputStream(LAST.get("body").getBytes(StandardCharsets.ISO_8859_1)));
        List<AttachmentPart> attachments = attachments(request);
        assertEquals(1, attachments.size());
        AttachmentPart document = attachments.getFirst();
        assertEquals("application/pdf", document.getContentType());
        assertTrue(document.getContentId().startsWith("<document="), document.getContentId()); // WS-I AP 1.0
        assertArrayEquals(PDF, document.getRawContentBytes());
        // the body holds the body part only
        List<String> inBody = new ArrayList<>();
        for (org.w3c.dom.Node n = request.getSOAPBody().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e) {
                inBody.add(e.getLocalName());
            }
        }
        assertEquals(List.of("put"), inBody);
    }

    @Test
    void anOutputPartIsReadFromItsAttachment() {
        Files files = port(false, List.of(MimePart.output("get", "document", "application/pdf")));
        contentId = "document=7f3a@example.com";
        Holder<String> found = new Holder<>();
        Holder<byte[]> document = new Holder<>();

        files.get("report.pdf", found, document);

        assertEquals("report.pdf", found.value);
        assertArrayEquals(PDF, document.value);
    }

    @Test
    void aSoapCallCarriesTheCallersTraceContextWithANewParentId() {
        Files files = port(false, List.of(MimePart.output("get", "document", "application/pdf")));
        contentId = "document=7f3a@example.com";
        try (UpstreamTrace.Scope scope = UpstreamTrace.open("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")) {
            files.get("report.pdf", new Holder<>(), new Holder<>());
        }
        assertTrue(LAST.get("traceparent").matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01"),
                LAST.get("traceparent"));
        assertFalse(LAST.get("traceparent").contains("00f067aa0ba902b7"), "this hop's own parent id");
        files.get("report.pdf", new Holder<>(), new Holder<>());
        assertEquals("null", LAST.get("traceparent"), "no trace context outside a traced call");
    }

    @Test
    void anUnlabelledAttachmentIsTakenWhenItIsTheOnlyOne() {
        Files files = port(false, List.of(MimePart.output("get", "document", null)));
        contentId = "part1.0b3c@legacy.example.com"; // a service that predates the Attachments Profile
        Holder<byte[]> document = new Holder<>();

        files.get("report.pdf", new Holder<>(), document);

        assertArrayEquals(PDF, document.value);
    }

    @Test
    void withoutTheMimePartsTheResponseCannotBeRead() {
        Files files = port(false, List.of());
        contentId = "document=7f3a@example.com";

        // what a proxy made from the SEI alone gets: the reason SwaParts exists
        assertThrows(jakarta.xml.ws.WebServiceException.class,
                () -> files.get("report.pdf", new Holder<>(), new Holder<>()));
    }

    @Test
    void aPartTheSeiDoesNotHaveFailsThePortsFirstCall() {
        // CXF's proxy is made on the port's first call (not at start-up), and that is where the mismatch shows
        Files put = port(false, List.of(MimePart.input("put", "scan", null)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> put.get("report.pdf", new Holder<>(), new Holder<>()));
        assertEquals("SOAP operation put has no input part scan to send as an attachment", e.getMessage());
        Files delete = port(false, List.of(MimePart.output("delete", "x", null)));
        e = assertThrows(IllegalStateException.class, () -> delete.get("report.pdf", new Holder<>(), new Holder<>()));
        assertTrue(e.getMessage().startsWith("SOAP operation delete of attachment parts is not on the SEI"), e.getMessage());
    }

    /** A new context and proxy per test: the service model is per proxy. */
    private static Files port(boolean mtom, List<MimePart> parts) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files";
        ServiceDescriptor service = new ServiceDescriptor("files", "wsdl", "Files", null, "0", url, Map.of("FilesPort", url));
        ServiceConfig config = new ServiceConfig("files", null, Map.of(), OutboundAuth.NONE, Map.of(), List.of(),
                TlsConfig.NONE, Duration.ofSeconds(5), Set.of(), Set.of(), ServiceConfig.DEFAULT_MAX_RESPONSE_BYTES, mtom);
        return new DefaultUpstreamContext(service, config, new UpstreamHttpClient(java.time.Duration.ofSeconds(5)), JsonMapping.create())
                .soapPort(Files.class, "FilesPort", false, parts);
    }

    private static byte[] multipart(String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + BOUNDARY + "\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-ID: <root@example.com>\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(envelope("<getResponse xmlns=\"urn:test:files\">report.pdf</getResponse>"));
        out.write(("\r\n--" + BOUNDARY + "\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + id + ">\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(PDF);
        out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] envelope(String body) {
        return ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static MimeHeaders headers(String contentType) {
        MimeHeaders headers = new MimeHeaders();
        headers.addHeader("Content-Type", contentType);
        return headers;
    }

    private static List<AttachmentPart> attachments(SOAPMessage message) {
        List<AttachmentPart> all = new ArrayList<>();
        for (Iterator<AttachmentPart> i = message.getAttachments(); i.hasNext(); ) {
            all.add(i.next());
        }
        return all;
    }

    /** Bytes that are not text: every value 0 to 255, CR and LF among them. */
    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
