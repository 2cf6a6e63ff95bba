package dev.imcp.runtime.upstream;

import dev.imcp.runtime.spi.UpstreamException;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a SOAP port's HTTP error answer into an {@link UpstreamException} with the status and the start of the body
 * (what the upstream said), unless it is a SOAP fault where the SOAP bindings put one, which goes on to CXF to be read
 * as a fault:
 * <ul>
 *   <li>status 500 (SOAP 1.1, section 6.2; SOAP 1.2 Part 2, section 7.5.1.2, {@code env:Receiver}) or 400 (SOAP 1.2
 *       Part 2, section 7.5.1.2, {@code env:Sender}) with a body whose root element is an {@code Envelope}
 *       ({@code text/xml}, {@code application/soap+xml}; UTF-8 or UTF-16) or a {@code multipart/*} body (MTOM and SwA
 *       send {@code multipart/related}): CXF reads the fault;</li>
 *   <li>any other answer of status 300 or more: an {@link UpstreamException}. That is a body that is not XML
 *       ({@code 500 text/plain}, a proxy's error page, a gateway's JSON), XML that is not an envelope, and every
 *       status a SOAP fault does not use ({@code 401} from an expired token, {@code 403}, {@code 404}, {@code 429},
 *       {@code 502}, {@code 503}), whatever its body.</li>
 * </ul>
 * CXF itself reads no body of a status from 400 up other than 500: it throws its {@code HTTPException} with the status
 * alone unless {@code org.apache.cxf.transport.no_io_exceptions} is set ({@code HTTPConduit.doProcessResponseCode}),
 * which {@link #install} sets on request-response exchanges so that these answers reach this interceptor. The body
 * is what the JDK's {@code HttpURLConnection} keeps of an error answer: none when the request went out in chunks
 * (more than CXF's 4 KiB chunking threshold) and the upstream refused it with 401, so that error says the status
 * alone.
 */
final class SoapHttpStatus extends AbstractPhaseInterceptor<Message> {

    /** How much of the body is read, in bytes; the error text quotes at most {@link UpstreamFaults#MAX_BODY} characters. */
    static final int MAX_READ = 4 * UpstreamFaults.MAX_BODY;

    private SoapHttpStatus() {
        super(Phase.RECEIVE);
    }

    /**
     * Adds the interceptor to {@code client}'s inbound chain and has each request-response exchange of
     * {@code client} set {@code org.apache.cxf.transport.no_io_exceptions}, so that CXF passes every
     * answer to the inbound chain instead of throwing its {@code HTTPException} with the bare status. One-way
     * exchanges keep CXF's {@code HTTPException}: with the property set, the JDK's {@code HttpURLConnection} fails on
     * an error answer without a body while CXF closes it, and the status would be lost.
     */
    static void install(Client client) {
        client.getInInterceptors().add(new SoapHttpStatus());
        client.getOutInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.SETUP) {
            @Override
            public void handleMessage(Message message) {
                if (message.getExchange() != null && !message.getExchange().isOneWay()) {
                    message.put(org.apache.cxf.transport.http.HTTPConduit.NO_IO_EXCEPTIONS, Boolean.TRUE);
                }
            }
        });
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.get(Message.RESPONSE_CODE) instanceof Integer status) || status < 300) {
            return;
        }
        Object type = message.get(Message.CONTENT_TYPE);
        String contentType = type == null ? "" : type.toString().toLowerCase(Locale.ROOT);
        boolean faultStatus = status == 500 || status == 400;
        if (faultStatus && contentType.startsWith("multipart/")) {
            return;
        }
        byte[] start = new byte[0];
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            try {
                start = in.readNBytes(MAX_READ);
            } catch (IOException e) {
                throw new Fault(e); // a timeout or a reset is said as one (and may be retried), not as an empty body
            }
        }
        boolean envelope = contentType.contains("xml") && envelope(start);
        if (faultStatus && envelope) {
            // put back what was read: CXF reads the fault from the whole body
            message.setContent(InputStream.class, in == null ? new ByteArrayInputStream(start)
                    : new SequenceInputStream(new ByteArrayInputStream(start), in));
            return;
        }
        String fault = envelope ? faultText(start) : null;
        throw new Fault(new UpstreamException(status, "HTTP " + status,
                fault != null ? fault : new String(start, StandardCharsets.UTF_8)));
    }

    /**
     * Returns {@code SOAP fault <code>: <reason>} when {@code body} is a whole SOAP 1.1 or 1.2 envelope holding a
     * fault ({@code faultcode} and {@code faultstring}; {@code Code/Value} and {@code Reason/Text}), else {@code null}:
     * a fault sent under another status (a {@code 401} with a fault, as CXF's own endpoints send) is said by its
     * reason rather than as XML.
     */
    static String faultText(byte[] body) {
        org.w3c.dom.Element root;
        try {
            root = dev.imcp.runtime.xml.SafeXml.documentBuilderFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (Exception e) {
            return null; // cut off at MAX_READ, or not XML after all: quoted as it is
        }
        if (!"Envelope".equals(root.getLocalName())) {
            return null;
        }
        String code = firstText(root, "faultcode");
        String reason = firstText(root, "faultstring");
        if (reason == null) {
            org.w3c.dom.Element soap12Code = firstElement(root, "Code");
            org.w3c.dom.Element soap12Reason = firstElement(root, "Reason");
            code = soap12Code == null ? null : firstText(soap12Code, "Value");
            reason = soap12Reason == null ? null : firstText(soap12Reason, "Text");
        }
        return reason == null ? null : "SOAP fault" + (code == null ? "" : " " + code) + ": " + reason;
    }

    /** Returns the first element named {@code localName} (any namespace) under {@code parent}, or {@code null}. */
    private static org.w3c.dom.Element firstElement(org.w3c.dom.Element parent, String localName) {
        org.w3c.dom.NodeList found = parent.getElementsByTagNameNS("*", localName);
        return found.getLength() == 0 ? null : (org.w3c.dom.Element) found.item(0);
    }

    /** Returns the text of {@link #firstElement}, stripped, or {@code null}. */
    private static String firstText(org.w3c.dom.Element parent, String localName) {
        org.w3c.dom.Element found = firstElement(parent, localName);
        return found == null ? null : found.getTextContent().strip();
    }

    /**
     * Whether the XML text that {@code start} begins with has a root element named {@code Envelope} in any prefix
     * (UTF-8, ASCII or UTF-16, see {@link #charset}; a byte order mark, the XML declaration, comments, processing
     * instructions and a document type declaration before it are passed over).
     */
    static boolean envelope(byte[] start) {
        String text = new String(start, charset(start));
        int i = text.startsWith("\uFEFF") ? 1 : 0; // a byte order mark, decoded
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (text.startsWith("<?", i)) {
                i = skipPast(text, i, "?>");
            } else if (text.startsWith("<!--", i)) {
                i = skipPast(text, i, "-->");
            } else if (text.startsWith("<!", i)) {
                i = skipPast(text, i, ">");
            } else {
                break;
            }
            if (i < 0) {
                return false;
            }
        }
        if (!text.startsWith("<", i)) {
            return false;
        }
        int end = i + 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "/>".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String name = text.substring(i + 1, end);
        return name.substring(name.indexOf(':') + 1).equals("Envelope");
    }

    /**
     * Returns the encoding an XML text starting with {@code start} is in: UTF-16 when it starts with a UTF-16 byte
     * order mark or with {@code <} as a UTF-16 code unit (XML 1.0, appendix F.1), else UTF-8 (ASCII included).
     */
    private static java.nio.charset.Charset charset(byte[] start) {
        if (start.length >= 2) {
            int b0 = start[0] & 0xFF;
            int b1 = start[1] & 0xFF;
            if (b0 == 0xFE && b1 == 0xFF || b0 == 0 && b1 == '<') {
                return StandardCharsets.UTF_16BE;
            }
            if (b0 == 0xFF && b1 == 0xFE || b0 == '<' && b1 == 0) {
                return StandardCharsets.UTF_16LE;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Returns the index just after the first {@code end} at or after {@code from}, or -1. */
    private static int skipPast(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? -1 : at + end.length();
    }
}
