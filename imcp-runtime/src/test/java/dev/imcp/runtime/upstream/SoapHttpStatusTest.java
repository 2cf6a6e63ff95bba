package dev.imcp.runtime.upstream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SoapHttpStatus#envelope}: what a SOAP fault's body is told by (the end to end cases: UpstreamErrorTextTest). */
class SoapHttpStatusTest {

    @Test
    void anEnvelopeIsKnownByItsRootElementAfterWhatMayPrecedeIt() {
        for (String envelope : List.of("<soap:Envelope>", "\uFEFF<?xml version=\"1.0\"?>\n<!-- c --><env:Envelope x=\"1\">",
                "<Envelope/>", "  <?pi x?><!DOCTYPE x><s:Envelope\n>")) {
            assertTrue(SoapHttpStatus.envelope(envelope.getBytes(StandardCharsets.UTF_8)), envelope);
        }
        for (String other : List.of("", "<error>", "<soap:Body>", "<?xml version=\"1.0\"?>", "<!-- <soap:Envelope>",
                "text <soap:Envelope>", "<EnvelopeX>", "{\"Envelope\":1}")) {
            assertFalse(SoapHttpStatus.envelope(other.getBytes(StandardCharsets.UTF_8)), other);
        }
        // UTF-16, with a byte order mark or without (XML 1.0, appendix F.1)
        String utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><soap:Envelope>";
        assertTrue(SoapHttpStatus.envelope(utf16.getBytes(StandardCharsets.UTF_16)), "big-endian with a mark");
        assertTrue(SoapHttpStatus.envelope(utf16.getBytes(StandardCharsets.UTF_16LE)), "little-endian");
        assertTrue(SoapHttpStatus.envelope(utf16.getBytes(StandardCharsets.UTF_16BE)), "big-endian");
        assertFalse(SoapHttpStatus.envelope("<error/>".getBytes(StandardCharsets.UTF_16LE)));
    }

    @Test
    void aFaultUnderAnotherStatusIsSaidByItsCodeAndReasonInEitherSoapVersion() {
        String soap11 = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
                + "<faultcode>s:Client</faultcode><faultstring> token expired </faultstring></s:Fault></s:Body></s:Envelope>";
        String soap12 = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
                + "<env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">"
                + "not allowed</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>";
        assertEquals("SOAP fault s:Client: token expired", SoapHttpStatus.faultText(bytes(soap11)));
        assertEquals("SOAP fault env:Sender: not allowed", SoapHttpStatus.faultText(bytes(soap12)));
        assertNull(SoapHttpStatus.faultText(bytes(soap11.substring(0, 60))), "cut off: quoted as it is");
        assertNull(SoapHttpStatus.faultText(bytes("<s:Envelope><s:Body/></s:Envelope>")), "no fault in it");
        assertNull(SoapHttpStatus.faultText(bytes("<error>x</error>")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
