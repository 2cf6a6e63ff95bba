package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.spi.SoapFaultException;
import dev.imcp.runtime.spi.UpstreamException;
import jakarta.xml.ws.soap.SOAPFaultException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Classifies a failure of {@code Tool.call}: HTTP errors ({@link UpstreamException}), SOAP faults (JAX-WS
 * {@link SOAPFaultException}, CXF's {@code SoapFault}, typed {@code wsdl:fault} exceptions, rpc/encoded
 * {@link SoapFaultException}) and failures on this side of the wire. It gives the text of an
 * {@code isError} tool result, saying what the upstream said, and the SOAP fault as structured content.
 * Configured secrets are masked and upstream bodies truncated to {@link #MAX_BODY} characters; no stack trace
 * is ever part of the text. Thread-safe.
 *
 * <p>What the upstream said is quoted: its HTTP status and body, a SOAP fault's code and string. A failure on this
 * side of the wire is said in the adapter's words, without the adapter's class names or the upstream's address,
 * which go to the server log ({@link #detail}): the upstream did not answer within the service's
 * {@code timeout-seconds}; could not be reached (connection refused, unknown host, TLS); answered an HTTP error
 * status to a SOAP request; answered, but its response could not be read as the operation's output type (the JSON
 * path, or the XML element CXF names); the arguments could not be written as the operation's input. Any other
 * message is passed on with addresses and qualified class names taken out ({@link #sanitize}).
 */
public final class UpstreamFaults {

    /** The longest upstream body quoted, in characters (2 KB). */
    public static final int MAX_BODY = 2048;

    /** A URL, or an IPv4 address with an optional port (and the {@code /} the JDK puts before it). */
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s'\"<>]*[^\\s'\"<>.,:;)]|/?\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b");

    /** A qualified Java class name ({@code org.apache.cxf.interceptor.Fault}), optionally after {@code class }. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:\\b(?:class|interface) )?\\b(?:[a-z][a-z0-9_]*\\.){2,}([A-Z][A-Za-z0-9_$]*)");

    /** An exception class name at the start of a message, or after {@code : }: {@code Fault: }, {@code IOException: }. */
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("(?:^|(?<=: ))(?:[A-Z][A-Za-z0-9_$]*)?(?:Exception|Error|Fault): ");

    /** CXF's {@code <Exception> invoking <address>: } before the message of an I/O failure. */
    private static final Pattern INVOKING = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error) invoking the upstream:? ?");

    private final ObjectMapper mapper;
    private final Redactor redactor;
    private final Function<String, Duration> timeouts;

    /**
     * @param mapper the JSON mapper ({@link JsonMapping#create()}), for typed fault details
     * @param redactor masks configured secrets
     */
    public UpstreamFaults(ObjectMapper mapper, Redactor redactor) {
        this(mapper, redactor, service -> null);
    }

    /**
     * @param mapper the JSON mapper ({@link JsonMapping#create()}), for typed fault details
     * @param redactor masks configured secrets
     * @param timeouts the {@code timeout-seconds} of a service id, or {@code null} when unknown, for the text of a
     *     timeout
     */
    public UpstreamFaults(ObjectMapper mapper, Redactor redactor, Function<String, Duration> timeouts) {
        this.mapper = mapper;
        this.redactor = redactor;
        this.timeouts = timeouts;
    }

    /**
     * Returns the caller-facing text for {@code failure} of a tool of {@code service}, e.g.
     * {@code Upstream pets answered HTTP 404: <body>} (REST, and a SOAP port's answer that is not a SOAP fault, see
     * {@link SoapHttpStatus}; the status alone when no body was read),
     * {@code SOAP fault soap:Server: <faultstring>} or
     * {@code Upstream pets did not answer within 30 s}; a failed token request ({@link TokenEndpointException}) names the
     * token endpoint instead: {@code The token endpoint of service pets answered HTTP 400 (the OAuth 2.0 token request
     * failed): <body>}.
     *
     * @param service the service id
     * @param failure what {@code Tool.call} threw
     * @return the redacted text, without stack trace
     */
    public String describe(String service, Throwable failure) {
        Throwable e = unwrap(failure);
        String text;
        Throwable local = localFailure(e);
        UpstreamException answered = answered(e);
        if (tokenFailure(e) instanceof TokenEndpointException t) {
            String endpoint = "The token endpoint of service " + service;
            text = t.status() != 0 ? endpoint + " answered HTTP " + t.status() + " (" + sanitize(t.getMessage()) + "): "
                    + truncate(t.body())
                    : t.getCause() != null ? endpoint + onThisSide(service, t.getCause(), t.getCause())
                            .substring(("Upstream " + service).length())
                    : endpoint + " failed: " + sanitize(t.getMessage());
        } else if (local != null && answered == null) {
            text = onThisSide(service, e, local);
        } else if ((answered != null ? answered : e) instanceof UpstreamException u) {
            text = u.status() == 0
                    ? onThisSide(service, u, u)
                    : "Upstream " + service + " answered HTTP " + u.status()
                            // a SOAP fault or a response that does not decode says more than its status
                            + (("HTTP " + u.status()).equals(u.getMessage()) ? "" : " (" + sanitize(u.getMessage()) + ")")
                            + (u.body() == null || u.body().isBlank() ? "" : ": " + truncate(u.body()));
        } else if (e instanceof SOAPFaultException f && f.getFault() != null) {
            text = "SOAP fault " + f.getFault().getFaultCode() + ": " + f.getFault().getFaultString();
        } else if (faultInfo(e) instanceof Method getter) {
            // a wsdl:fault: the detail is the typed exception's fault info, the code its cause's (SoapFaultCause)
            text = "SOAP fault" + (cxfFault(e) instanceof org.apache.cxf.binding.soap.SoapFault f ? " " + code(f) : "")
                    + ": " + e.getMessage() + faultInfoJson(e, getter);
        } else if (cxfFault(e) instanceof org.apache.cxf.binding.soap.SoapFault f) {
            // CXF reports a SOAP fault as WebServiceException(SoapFault) when it cannot build a SOAPFaultException.
            text = "SOAP fault " + code(f) + ": " + f.getMessage();
        } else {
            text = onThisSide(service, e, e);
        }
        return redactor.redact(text);
    }

    /**
     * Says what failed on this side of the wire, from the first cause in {@code failure}'s chain that tells (a
     * timeout, a connection failure, an HTTP status, a body that does not fit the output type), else from
     * {@code root}'s message, sanitized.
     */
    private String onThisSide(String service, Throwable failure, Throwable root) {
        String upstream = "Upstream " + service;
        String unreadable = upstream + " answered, but its response could not be read as the operation's output type: ";
        String exchange = null; // the outermost I/O failure of the connection, said when nothing more specific is found
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = sanitize(t.getMessage());
            if (message.contains(ResponseLimit.TOO_LARGE)) { // CXF may pass on only the message of the limit's failure
                return upstream + " failed: " + message.substring(message.indexOf(ResponseLimit.TOO_LARGE));
            }
            if (t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                return upstream + " could not be reached (connection timed out)";
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                Duration timeout = timeouts.apply(service);
                return upstream + " did not answer " + (timeout == null ? "in time" : "within " + timeout.toSeconds() + " s");
            }
            if (t instanceof java.net.ConnectException) {
                return upstream + " could not be reached (connection refused)";
            }
            if (t instanceof java.net.UnknownHostException) {
                return upstream + " could not be reached (unknown host)";
            }
            if (t instanceof java.net.NoRouteToHostException) {
                return upstream + " could not be reached (no route to host)";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                Throwable deepest = t;
                for (Throwable c = t.getCause(); c instanceof javax.net.ssl.SSLException; c = c.getCause()) {
                    deepest = c;
                }
                return upstream + " could not be reached (TLS: " + sanitize(deepest.getMessage()) + ")";
            }
            if (t instanceof org.apache.cxf.transport.http.HTTPException h) {
                return upstream + " answered HTTP " + h.getResponseCode();
            }
            if (t instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
                return unreadable + "at " + JsonMapping.path(m);
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return unreadable + "it is not valid JSON";
            }
            if (message.startsWith("Unmarshalling Error") || message.startsWith("Unexpected wrapper element")) {
                return unreadable + message.replaceFirst("^Unmarshalling Error: *", "");
            }
            if (message.startsWith("Marshalling Error")) {
                return upstream + " was not called: the arguments could not be written as the operation's input: "
                        + message.replaceFirst("^Marshalling Error: *", "");
            }
            if (t instanceof java.net.SocketException || t.getClass() == java.io.IOException.class) {
                // the connection broke mid-exchange ("Broken pipe", "Connection reset", HttpURLConnection's "Error
                // writing to server"); under TLS 1.3 also how a refused client certificate reaches the client
                exchange = exchange == null ? message : exchange;
            }
        }
        if (exchange != null) {
            return upstream + " could not complete the exchange (" + exchange + ")";
        }
        String message = root.getMessage();
        return upstream + " failed: " + (message == null || message.isBlank()
                ? "an unexpected error on the adapter's side (the server log has the details)" : sanitize(message));
    }

    /**
     * Returns {@code message} without what names the adapter's inside or the upstream's address: URLs and IPv4
     * addresses become {@code the upstream}, qualified class names their simple names, and exception class names
     * that lead a message ({@code Fault: }, {@code IOException: }, CXF's {@code SSLException invoking <url>: }) are
     * dropped.
     *
     * @param message a message of an exception, or {@code null}
     * @return the cleaned message ({@code ""} for {@code null})
     */
    static String sanitize(String message) {
        if (message == null) {
            return "";
        }
        String out = ADDRESS.matcher(message).replaceAll("the upstream");
        out = CLASS_NAME.matcher(out).replaceAll("$1");
        out = EXCEPTION_PREFIX.matcher(out).replaceAll("");
        out = INVOKING.matcher(out).replaceAll("");
        return out.replaceAll("\\s+", " ").strip();
    }

    /**
     * Returns everything {@code failure} says, for the server log: each exception of the cause chain as
     * {@code class: message}, joined by {@code " <- "}, redacted. No stack trace.
     *
     * @param failure what {@code Tool.call} threw
     * @return the redacted detail
     */
    public String detail(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getName()).append(": ").append(t.getMessage());
            if (t instanceof UpstreamException u && u.status() != 0) {
                out.append(" (HTTP ").append(u.status()).append(')');
            }
        }
        return redactor.redact(out.toString());
    }

    /**
     * Returns the SOAP fault behind {@code failure} as the {@code fault} object of an error result's
     * {@code structuredContent}: {@code faultcode} ({@code prefix:localName}), {@code faultstring},
     * {@code faultactor} when sent, and {@code detail}: the typed fault info of a declared {@code wsdl:fault}
     * as JSON, else the detail element as XML text (at most {@link #MAX_BODY} characters), or the decoded
     * detail of an rpc/encoded fault. Configured secrets are masked as in the text. {@code null} when the
     * failure is not a SOAP fault.
     *
     * @param failure what {@code Tool.call} threw
     * @return the fault object, or {@code null}
     */
    public ObjectNode fault(Throwable failure) {
        Throwable e = unwrap(failure);
        ObjectNode fault = mapper.createObjectNode();
        if (localFailure(e) != null) {
            return null;
        } else if (e instanceof SoapFaultException s) {
            fault.put("faultcode", s.faultcode()).put("faultstring", s.faultstring());
            putText(fault, "faultactor", s.faultactor());
            if (s.detail() != null) {
                fault.set("detail", mapper.valueToTree(s.detail()));
            }
        } else if (e instanceof SOAPFaultException f && f.getFault() != null) {
            jakarta.xml.soap.SOAPFault soap = f.getFault();
            fault.put("faultcode", soap.getFaultCode()).put("faultstring", String.valueOf(soap.getFaultString()));
            putText(fault, "faultactor", soap.getFaultActor());
            putText(fault, "detail", soap.getDetail() == null ? null : xml(soap.getDetail()));
        } else if (faultInfo(e) instanceof Method getter) {
            org.apache.cxf.binding.soap.SoapFault soap = cxfFault(e) instanceof org.apache.cxf.binding.soap.SoapFault f ? f : null;
            fault.put("faultcode", soap == null ? "soap:Server" : code(soap)).put("faultstring", String.valueOf(e.getMessage()));
            putText(fault, "faultactor", soap == null ? null : soap.getRole());
            try {
                Object info = getter.invoke(e);
                if (info != null) {
                    fault.set("detail", mapper.valueToTree(info));
                }
            } catch (ReflectiveOperationException | RuntimeException ex) {
                // the detail stays out; the code and string still say what happened
            }
        } else if (cxfFault(e) instanceof org.apache.cxf.binding.soap.SoapFault soap) {
            fault.put("faultcode", code(soap)).put("faultstring", String.valueOf(soap.getMessage()));
            putText(fault, "faultactor", soap.getRole());
            putText(fault, "detail", soap.getDetail() == null ? null : xml(soap.getDetail()));
        } else {
            return null;
        }
        return (ObjectNode) redactor.redactValues(fault);
    }

    private static void putText(ObjectNode node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }

    /** Returns the children of a fault's {@code detail} element as XML text, truncated to {@link #MAX_BODY}. */
    private static String xml(org.w3c.dom.Element detail) {
        StringBuilder out = new StringBuilder();
        try {
            javax.xml.transform.TransformerFactory factory = javax.xml.transform.TransformerFactory.newDefaultInstance();
            factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            javax.xml.transform.Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            for (org.w3c.dom.Node n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE) {
                    java.io.StringWriter w = new java.io.StringWriter();
                    transformer.transform(new javax.xml.transform.dom.DOMSource(n), new javax.xml.transform.stream.StreamResult(w));
                    out.append(w);
                } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                    out.append(n.getNodeValue().strip());
                }
            }
        } catch (javax.xml.transform.TransformerException ex) {
            out.append(detail.getTextContent());
        }
        String text = out.toString();
        return text.isEmpty() ? null : truncate(text);
    }

    /** Returns {@code prefix:local} of the fault's code, with prefix {@code soap} when the code has none. */
    private static String code(org.apache.cxf.binding.soap.SoapFault f) {
        javax.xml.namespace.QName code = f.getFaultCode();
        String prefix = code.getPrefix() == null || code.getPrefix().isEmpty() ? "soap" : code.getPrefix();
        return prefix + ":" + code.getLocalPart();
    }

    /**
     * Returns the root cause of a failure CXF met on this side of the wire (a response it could not read, over
     * the size or depth limit, or that does not match the contract), or {@code null} when the upstream itself
     * sent the fault. CXF's JAX-WS proxy reports both as a {@link SOAPFaultException}; its cause is the fault
     * read from the wire (a {@code SoapFault}) for a real one, and the local exception, or a plain CXF {@code Fault},
     * otherwise.
     */
    private static Throwable localFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if ((t instanceof org.apache.cxf.interceptor.Fault || t instanceof SOAPFaultException) && t.getCause() != null
                    && !(t.getCause() instanceof org.apache.cxf.interceptor.Fault)) {
                Throwable root = t.getCause();
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                return root;
            }
            // CXF's own Fault (not a SoapFault read from the wire) with nothing behind it: a response it could not read
            if (t instanceof SOAPFaultException && t.getCause() instanceof org.apache.cxf.interceptor.Fault own
                    && !(own instanceof org.apache.cxf.binding.soap.SoapFault) && own.getCause() == null) {
                return own;
            }
        }
        return null;
    }

    /**
     * Returns the HTTP answer ({@link UpstreamException} with a status) in {@code e}'s cause chain: a REST or
     * rpc/encoded call's, or a SOAP port's that was not a SOAP message ({@link SoapHttpStatus}); else {@code null}.
     */
    private static UpstreamException answered(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UpstreamException u && u.status() > 0) {
                return u;
            }
        }
        return null;
    }

    /** Returns the failed token request in {@code e}'s cause chain (a SOAP call's comes wrapped by CXF), or {@code null}. */
    /**
     * Whether {@code failure} happened at an OAuth 2.0 token endpoint ({@link OAuth2Tokens}), before any request to
     * the upstream service: the upstream was not reached, so its circuit breaker does not count it.
     */
    public static boolean atTokenEndpoint(Throwable failure) {
        return tokenFailure(failure) != null;
    }

    private static TokenEndpointException tokenFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TokenEndpointException f) {
                return f;
            }
        }
        return null;
    }

    private static Throwable cxfFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.cxf.binding.soap.SoapFault) {
                return t;
            }
        }
        return null;
    }

    /**
     * Returns the failure a tool's call stands for: {@code e} without the reflection and proxy wrappers
     * ({@link UndeclaredThrowableException}, {@link InvocationTargetException}) a SOAP port's proxy adds.
     */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof UndeclaredThrowableException || t instanceof InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Returns the public no-argument {@code getFaultInfo()} of a CXF-generated WSDL fault, or {@code null}. */
    private static Method faultInfo(Throwable e) {
        try {
            Method m = e.getClass().getMethod("getFaultInfo");
            return Modifier.isPublic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException ex) {
            return null;
        }
    }

    private String faultInfoJson(Throwable e, Method getter) {
        try {
            Object info = getter.invoke(e);
            return info == null ? "" : "\n" + truncate(mapper.writeValueAsString(info));
        } catch (ReflectiveOperationException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException ex) {
            return "";
        }
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_BODY ? s : s.substring(0, MAX_BODY) + "... (truncated)";
    }
}
