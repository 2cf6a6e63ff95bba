package dev.imcp.runtime.upstream.encoded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.spi.EncodedOperation;
import dev.imcp.runtime.spi.EncodedSoapPort;
import dev.imcp.runtime.spi.UpstreamException;
import dev.imcp.runtime.upstream.UpstreamOrigins;
import dev.imcp.runtime.upstream.UpstreamTrace;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.net.URI;
import dev.imcp.runtime.upstream.UpstreamHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link EncodedSoapPort} on the runtime's {@link UpstreamHttpClient}: SOAP 1.1 over HTTP (SOAP 1.1 section 6) to one port
 * address, envelopes written and read with SAAJ. Thread-safe.
 *
 * <p>Each call POSTs the envelope {@link EnvelopeWriter} builds with {@code Content-Type: text/xml; charset=utf-8},
 * {@code SOAPAction: "<soapAction>"} (quoted, section 6.1.1) and the configured headers (outbound credentials
 * included), with the SOAP header blocks a {@link SoapHeaderWriter} adds, within the configured timeout; redirects are not followed (the shared client's policy). The response
 * body is read up to {@link #maxResponseBytes()} and parsed without DTDs ({@link Saaj}); a SOAP Fault, at any
 * status, becomes an {@link UpstreamException}, and so does a status outside 2xx.
 */
public final class EncodedSoapClient implements EncodedSoapPort {

    /** The default limit on a response body: 16 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = dev.imcp.runtime.config.ServiceConfig.DEFAULT_MAX_RESPONSE_BYTES;
    /** The longest body excerpt an {@link UpstreamException} carries, in characters. */
    public static final int MAX_EXCERPT = 2048;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamHttpClient client;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final SoapHeaderWriter soapHeaders;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final CallHeaders callHeaders;

    /** Headers that depend on the call (the caller's credentials), added after the fixed ones. */
    @FunctionalInterface
    public interface CallHeaders {
        /** No call-dependent headers. */
        CallHeaders NONE = Map::of;

        /**
         * Returns the headers of the current call.
         *
         * @return header name to value
         * @throws UpstreamException when they cannot be obtained; the call fails without a request
         */
        Map<String, String> headers() throws UpstreamException;
    }

    /**
     * @param client the HTTP client (the runtime's shared one: no redirects, connect timeout)
     * @param endpoint the port's address ({@code soap:address/@location} or its configured override)
     * @param headers headers added to every request after the SOAP ones, e.g. {@code Authorization}; they may
     *     replace {@code SOAPAction} or {@code Content-Type}
     * @param timeout the time allowed for each request, until the response headers arrive
     * @param maxResponseBytes the largest response body read, in bytes; a longer one fails the call
     * @throws IllegalArgumentException when {@code maxResponseBytes} is not positive or the endpoint not absolute
     */
    public EncodedSoapClient(UpstreamHttpClient client, URI endpoint, Map<String, String> headers, Duration timeout,
            long maxResponseBytes) {
        this(client, endpoint, headers, SoapHeaderWriter.NONE, timeout, maxResponseBytes);
    }

    /**
     * @param client the HTTP client (the runtime's shared one, or one with the service's TLS settings)
     * @param endpoint the port's address ({@code soap:address/@location} or its configured override)
     * @param headers HTTP headers added to every request after the SOAP ones, e.g. {@code Authorization}; they may
     *     replace {@code SOAPAction} or {@code Content-Type}
     * @param soapHeaders writes the SOAP header blocks of each request (custom blocks, WS-Security)
     * @param timeout the time allowed for each request, until the response headers arrive
     * @param maxResponseBytes the largest response body read, in bytes; a longer one fails the call
     * @throws IllegalArgumentException when {@code maxResponseBytes} is not positive or the endpoint not absolute
     */
    public EncodedSoapClient(UpstreamHttpClient client, URI endpoint, Map<String, String> headers, SoapHeaderWriter soapHeaders,
            Duration timeout, long maxResponseBytes) {
        this(client, endpoint, headers, CallHeaders.NONE, soapHeaders, timeout, maxResponseBytes);
    }

    /**
     * @param client the HTTP client (the runtime's shared one, or one with the service's TLS settings)
     * @param endpoint the port's address
     * @param headers HTTP headers added to every request after the SOAP ones
     * @param callHeaders HTTP headers of each call, added after {@code headers} (the caller's credentials)
     * @param soapHeaders writes the SOAP header blocks of each request
     * @param timeout the time allowed for each request, until the response headers arrive
     * @param maxResponseBytes the largest response body read, in bytes; a longer one fails the call
     * @throws IllegalArgumentException when {@code maxResponseBytes} is not positive or the endpoint not absolute
     */
    public EncodedSoapClient(UpstreamHttpClient client, URI endpoint, Map<String, String> headers,
            CallHeaders callHeaders, SoapHeaderWriter soapHeaders, Duration timeout, long maxResponseBytes) {
        this.callHeaders = Objects.requireNonNull(callHeaders, "callHeaders");
        this.client = Objects.requireNonNull(client, "client");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.headers = Map.copyOf(headers);
        this.soapHeaders = Objects.requireNonNull(soapHeaders, "soapHeaders");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, got " + maxResponseBytes);
        }
        if (!endpoint.isAbsolute()) {
            throw new IllegalArgumentException("SOAP endpoint must be an absolute URL, got " + endpoint);
        }
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Returns the address requests are sent to. */
    public URI endpoint() {
        return endpoint;
    }

    /** Returns the largest response body read, in bytes. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    @Override
    public Object call(EncodedOperation operation, Map<String, ?> arguments) throws UpstreamException {
        byte[] envelope;
        try {
            envelope = new EnvelopeWriter(operation).write(arguments == null ? Map.of() : arguments, soapHeaders);
        } catch (SOAPException | IOException e) {
            throw new UpstreamException(0, "cannot build the request envelope: " + e.getMessage(), "");
        }
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Content-Type", "text/xml; charset=utf-8");
        sent.put("Accept", "text/xml");
        sent.put("SOAPAction", "\"" + operation.soapAction() + "\"");
        UpstreamOrigins.reached(endpoint.toString());
        String traceparent = UpstreamTrace.outgoing();
        if (traceparent != null) {
            sent.put(UpstreamTrace.HEADER, traceparent);
        }
        String correlationId = UpstreamTrace.correlationId();
        if (correlationId != null) {
            sent.put(UpstreamTrace.CORRELATION_HEADER, correlationId);
        }
        sent.putAll(headers);
        sent.putAll(callHeaders.headers());
        UpstreamHttpClient.Response response = client.send("POST", endpoint, sent, envelope, timeout, maxResponseBytes);
        return decode(operation, response.status(), response.body());
    }

    private Object decode(EncodedOperation operation, int status, byte[] body) throws UpstreamException {
        boolean ok = status >= 200 && status <= 299;
        SOAPMessage message;
        SOAPBody soapBody;
        try {
            message = Saaj.parse(body);
            soapBody = message.getSOAPBody();
        } catch (SAXException | SOAPException | IOException | RuntimeException e) {
            // saaj-impl reports some malformed envelopes as unchecked exceptions
            throw new UpstreamException(status, ok ? "response is not a SOAP 1.1 envelope: " + reason(e)
                    : "HTTP " + status, excerpt(body));
        }
        if (soapBody.hasFault()) {
            throw fault(status, soapBody);
        }
        if (!ok) {
            throw new UpstreamException(status, "HTTP " + status, excerpt(body));
        }
        Element wrapper = wrapper(soapBody);
        if (wrapper == null) {
            if (operation.output().isEmpty()) {
                return null;
            }
            throw new UpstreamException(status, "response Body has no " + operation.name() + "Response element",
                    excerpt(body));
        }
        try {
            return new ResponseReader(operation.types(), soapBody).output(operation, wrapper);
        } catch (ResponseReader.DecodeException e) {
            throw new UpstreamException(status, "response does not decode: " + e.getMessage(), excerpt(body));
        }
    }

    /** Returns the Body's first element that is not marked {@code soapenc:root="0"} (SOAP 1.1 section 5.6). */
    private static Element wrapper(SOAPBody body) {
        for (Element e : ResponseReader.children(body)) {
            if (!"0".equals(e.getAttributeNS(EncodedOperation.SOAP_ENCODING, "root").trim())) {
                return e;
            }
        }
        return null;
    }

    private static UpstreamException fault(int status, SOAPBody body) {
        SOAPFault f = body.getFault();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("faultcode", f.getFaultCode());
        json.put("faultstring", f.getFaultString());
        if (f.getFaultActor() != null) {
            json.put("faultactor", f.getFaultActor());
        }
        if (f.getDetail() != null) {
            try {
                json.put("detail", new ResponseReader(dev.imcp.runtime.spi.EncodedTypes.EMPTY, body)
                        .value(f.getDetail(), Shape.ANY));
            } catch (ResponseReader.DecodeException e) {
                json.put("detail", f.getDetail().getTextContent());
            }
        }
        String text;
        try {
            text = JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            text = String.valueOf(json);
        }
        return new dev.imcp.runtime.spi.SoapFaultException(status, f.getFaultCode(), f.getFaultString(),
                f.getFaultActor(), json.get("detail"), text);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, MAX_EXCERPT * 4), StandardCharsets.UTF_8);
        return s.length() <= MAX_EXCERPT ? s : s.substring(0, MAX_EXCERPT) + "... (truncated)";
    }
}
