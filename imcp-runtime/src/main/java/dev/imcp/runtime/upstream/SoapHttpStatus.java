package dev.imcp.runtime.upstream;

import dev.imcp.runtime.spi.UpstreamException;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a SOAP port's HTTP error answer that is not a SOAP message (status 300 or more with a body that is not XML,
 * e.g. {@code 500 text/plain}, a proxy's error page) into an {@link UpstreamException} with the status and the start
 * of the body, instead of letting CXF parse it as an envelope and report its XML parser's complaint. A fault
 * envelope ({@code text/xml}, {@code application/soap+xml}, {@code multipart/related}) goes on to CXF as before.
 */
final class SoapHttpStatus extends AbstractPhaseInterceptor<Message> {

    /** How much of the body is read, in bytes; the error text quotes at most {@link UpstreamFaults#MAX_BODY} characters. */
    static final int MAX_READ = 4 * UpstreamFaults.MAX_BODY;

    private SoapHttpStatus() {
        super(Phase.RECEIVE);
    }

    /** Adds the interceptor to {@code client}'s inbound chain. */
    static void install(Client client) {
        client.getInInterceptors().add(new SoapHttpStatus());
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.get(Message.RESPONSE_CODE) instanceof Integer status) || status < 300) {
            return;
        }
        Object type = message.get(Message.CONTENT_TYPE);
        String contentType = type == null ? "" : type.toString().toLowerCase(Locale.ROOT);
        if (contentType.contains("xml") || contentType.startsWith("multipart/")) {
            return;
        }
        String body = "";
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            try {
                body = new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
        }
        throw new Fault(new UpstreamException(status, "HTTP " + status, body));
    }
}
