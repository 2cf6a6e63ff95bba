package dev.imcp.runtime.spi;

/**
 * The upstream answered with a SOAP fault (SOAP 1.1 section 4.4; SOAP 1.2 Part 1 section 5.4, given in SOAP 1.1
 * terms). Reported to the MCP caller as a tool result with {@code isError: true} whose
 * {@code structuredContent} is {@code {"fault": {"faultcode", "faultstring", "faultactor"?, "detail"?}}}.
 */
public class SoapFaultException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    private final String faultcode;
    private final String faultstring;
    private final String faultactor;
    private final transient Object detail;

    /**
     * @param status the HTTP status the fault came with (500 per SOAP 1.1 section 6.2, sometimes 200)
     * @param faultcode the fault code as {@code prefix:localName}
     * @param faultstring the fault's explanation
     * @param faultactor who caused the fault, or {@code null}
     * @param detail the detail as JSON-shaped values (maps, lists, strings, numbers, booleans), or {@code null}
     * @param body the fault as text for the error message, or {@code ""}
     */
    public SoapFaultException(int status, String faultcode, String faultstring, String faultactor, Object detail,
            String body) {
        super(status, "SOAP fault " + faultcode + ": " + faultstring, body);
        this.faultcode = faultcode;
        this.faultstring = faultstring;
        this.faultactor = faultactor;
        this.detail = detail;
    }

    /** Returns the fault code as {@code prefix:localName}. */
    public String faultcode() {
        return faultcode;
    }

    /** Returns the fault's explanation. */
    public String faultstring() {
        return faultstring;
    }

    /** Returns who caused the fault, or {@code null}. */
    public String faultactor() {
        return faultactor;
    }

    /** Returns the detail as JSON-shaped values, or {@code null}. */
    public Object detail() {
        return detail;
    }
}
