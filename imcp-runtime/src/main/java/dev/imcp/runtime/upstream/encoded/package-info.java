/**
 * The client for SOAP 1.1 rpc/encoded operations (WSDL 1.1 section 3.5 {@code use="encoded"}, SOAP 1.1 section 5
 * encoding), which JAX-WS and CXF do not support.
 *
 * <p>{@link dev.imcp.runtime.upstream.encoded.EncodedSoapClient} implements
 * {@link dev.imcp.runtime.spi.EncodedSoapPort}: from a {@link dev.imcp.runtime.spi.EncodedOperation} and the
 * JSON-shaped arguments it writes the envelope with SAAJ (each part an unqualified accessor with {@code xsi:type},
 * structs as nested accessors, arrays as {@code soapenc:Array} with {@code soapenc:arrayType="ns:item[n]"}, nulls
 * as {@code xsi:nil="true"}), POSTs it on the runtime's upstream HTTP client with the configured credentials, headers and timeout,
 * and decodes the response: {@code href}/{@code id} multi-references (section 5.4.1), arrays (section 5.4.2),
 * {@code xsi:type} or the descriptor's types, faults (section 4.4) as
 * {@link dev.imcp.runtime.spi.UpstreamException}. Responses are size-capped and parsed with DTDs refused.
 *
 * <p>Only SOAP 1.1 is spoken: SOAP 1.2's encoding ({@code enc:itemType}, {@code enc:arraySize}, {@code ref})
 * differs and no service of the corpus uses it.
 */
package dev.imcp.runtime.upstream.encoded;
