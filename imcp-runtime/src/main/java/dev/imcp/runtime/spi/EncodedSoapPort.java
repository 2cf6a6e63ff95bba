package dev.imcp.runtime.spi;

import java.util.Map;

/**
 * Calls the SOAP 1.1 rpc/encoded operations of one WSDL port (SOAP 1.1 section 5 encoding, WSDL 1.1
 * {@code use="encoded"}), which JAX-WS does not support; obtained from {@link UpstreamContext#encodedSoapPort}.
 * Thread-safe.
 *
 * <p>Values are JSON-shaped Java values both ways: {@link Map} with {@link String} keys for a struct,
 * {@link java.util.List} for an array, {@link String}, {@link Number}, {@link Boolean}, or {@code null}. Types
 * map as follows: {@code xsd:int}, {@code short}, {@code byte}, {@code unsignedShort}, {@code unsignedByte}
 * to {@link Integer}; {@code long}, {@code unsignedInt} to {@link Long}; {@code integer} and its other
 * subtypes to {@link java.math.BigInteger}; {@code decimal} to {@link java.math.BigDecimal}; {@code double}
 * to {@link Double} and {@code float} to {@link Float} ({@code INF}, {@code -INF}, {@code NaN} stay strings,
 * which JSON cannot otherwise carry); {@code boolean} to {@link Boolean}; {@code base64Binary},
 * {@code hexBinary}, dates, times, durations and all string types to {@link String}, in their lexical form.
 */
public interface EncodedSoapPort {

    /**
     * Sends one request and decodes the response.
     *
     * @param operation the operation's descriptor
     * @param arguments part name to value, for the operation's {@link EncodedOperation#input()} parts; a missing
     *     or {@code null} value is sent as {@code xsi:nil="true"}
     * @return {@code null} when the operation has no output part; the decoded value of the only output part;
     *     or, with several output parts, a {@link Map} from part name to value
     * @throws UpstreamException on a SOAP fault (SOAP 1.1 section 4.4: the HTTP status, message
     *     {@code "SOAP fault <faultcode>: <faultstring>"}, body the JSON object
     *     {@code {"faultcode":..,"faultstring":..,"faultactor":..,"detail":..}}); on a status outside 2xx without a
     *     fault (the status and the start of the body); on a response that is not a SOAP 1.1 envelope, is larger
     *     than the configured limit, carries a DTD or does not decode (status as received); on an I/O failure or
     *     timeout (status 0)
     * @throws IllegalArgumentException when an argument does not fit its part's type (the message names the
     *     argument path, e.g. {@code types[2]})
     */
    Object call(EncodedOperation operation, Map<String, ?> arguments) throws UpstreamException;
}
