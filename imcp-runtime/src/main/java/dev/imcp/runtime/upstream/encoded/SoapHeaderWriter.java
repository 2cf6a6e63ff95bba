package dev.imcp.runtime.upstream.encoded;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;

/**
 * Writes the SOAP header blocks of one request (SOAP 1.1 section 4.2): custom blocks from configuration, a
 * WS-Security header. Called once per request, on that request's own envelope, after the Body is written; must be
 * thread-safe.
 */
@FunctionalInterface
public interface SoapHeaderWriter {

    /** Writes no header blocks; the request then has no {@code Header} element at all. */
    SoapHeaderWriter NONE = header -> { };

    /**
     * Appends this request's header blocks.
     *
     * @param header the envelope's empty {@code SOAP-ENV:Header}; its owner document is the whole envelope
     * @throws SOAPException when a block cannot be written
     */
    void write(SOAPHeader header) throws SOAPException;
}
