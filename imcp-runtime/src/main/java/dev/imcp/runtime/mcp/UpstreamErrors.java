package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.spi.UpstreamException;
import jakarta.xml.ws.soap.SOAPFaultException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * Turns a failure of {@code Tool.call} into the text of an {@code isError} tool result, saying what the
 * upstream said; configured secrets are masked and upstream bodies truncated to {@link #MAX_BODY} characters.
 */
final class UpstreamErrors {

    /** The longest upstream body quoted, in characters (2 KB). */
    static final int MAX_BODY = 2048;

    private final ObjectMapper mapper;
    private final Redactor redactor;

    UpstreamErrors(ObjectMapper mapper, Redactor redactor) {
        this.mapper = mapper;
        this.redactor = redactor;
    }

    /** Returns the caller-facing text for {@code failure} of a tool of {@code service}. */
    String describe(String service, Throwable failure) {
        Throwable e = unwrap(failure);
        String text;
        if (e instanceof UpstreamException u) {
            text = u.status() == 0
                    ? "Upstream " + service + " failed: " + u.getMessage()
                    : "Upstream " + service + " answered HTTP " + u.status()
                            // a SOAP fault or a response that does not decode says more than its status
                            + (("HTTP " + u.status()).equals(u.getMessage()) ? "" : " (" + u.getMessage() + ")")
                            + ": " + truncate(u.body());
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
            text = "Upstream " + service + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + cause(e);
        }
        return redactor.redact(text);
    }

    /** Returns {@code prefix:local} of the fault's code, with prefix {@code soap} when the code has none. */
    private static String code(org.apache.cxf.binding.soap.SoapFault f) {
        javax.xml.namespace.QName code = f.getFaultCode();
        String prefix = code.getPrefix() == null || code.getPrefix().isEmpty() ? "soap" : code.getPrefix();
        return prefix + ":" + code.getLocalPart();
    }

    private static String cause(Throwable e) {
        Throwable c = e.getCause();
        return c == null || c == e ? "" : " (" + c.getClass().getSimpleName() + ": " + c.getMessage() + ")";
    }

    private static Throwable cxfFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.cxf.binding.soap.SoapFault) {
                return t;
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable e) {
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
