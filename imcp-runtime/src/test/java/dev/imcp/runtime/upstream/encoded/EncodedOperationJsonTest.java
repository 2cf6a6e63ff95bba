package dev.imcp.runtime.upstream.encoded;

import dev.imcp.runtime.spi.EncodedOperation;
import dev.imcp.runtime.spi.EncodedTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.imcp.runtime.spi.EncodedOperation.xsd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EncodedOperationJsonTest {

    @Test
    void jsonFormIsCompactAndReadsBackEqual() {
        EncodedOperation op = new EncodedOperation("Company.GetReportSuites", Omniture.NS,
                "http://www.omniture.com/Company.GetReportSuites", null,
                List.of(new EncodedOperation.Part("types", Omniture.omni("string_array"))),
                List.of(new EncodedOperation.Part("return", Omniture.omni("report_suite_array"))),
                EncodedTypes.of(
                        new EncodedTypes.ArrayOf(Omniture.omni("string_array"), xsd("string")),
                        new EncodedTypes.Struct(Omniture.omni("report_suite"), List.of(
                                EncodedTypes.Field.of("rsid", xsd("string")),
                                new EncodedTypes.Field("site_title", xsd("string"), 0, true, false))),
                        new EncodedTypes.ArrayOf(Omniture.omni("report_suite_array"), Omniture.omni("report_suite"))));
        String json = op.toJson();
        assertEquals("{\"name\":\"Company.GetReportSuites\",\"namespace\":\"http://www.omniture.com/\","
                + "\"soapAction\":\"http://www.omniture.com/Company.GetReportSuites\","
                + "\"encodingStyle\":\"http://schemas.xmlsoap.org/soap/encoding/\","
                + "\"input\":[{\"name\":\"types\",\"type\":\"{http://www.omniture.com/}string_array\"}],"
                + "\"output\":[{\"name\":\"return\",\"type\":\"{http://www.omniture.com/}report_suite_array\"}],"
                + "\"types\":[{\"name\":\"{http://www.omniture.com/}string_array\",\"arrayOf\":\"{http://www.w3.org/2001/XMLSchema}string\"},"
                + "{\"name\":\"{http://www.omniture.com/}report_suite\",\"fields\":["
                + "{\"name\":\"rsid\",\"type\":\"{http://www.w3.org/2001/XMLSchema}string\"},"
                + "{\"name\":\"site_title\",\"type\":\"{http://www.w3.org/2001/XMLSchema}string\",\"minOccurs\":0,\"nillable\":true}]},"
                + "{\"name\":\"{http://www.omniture.com/}report_suite_array\",\"arrayOf\":\"{http://www.omniture.com/}report_suite\"}]}",
                json);
        assertEquals(op, EncodedOperation.fromJson(json));
        assertEquals(Omniture.SAVE, EncodedOperation.fromJson(Omniture.SAVE.toJson()));
        assertNotEquals(Omniture.SAVE, EncodedOperation.fromJson(Omniture.ECHO.toJson()));
    }

    @Test
    void badDescriptorsAreRejectedWithTheirLocation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncodedOperation.fromJson("{\"name\":\"x\",\"types\":[{\"name\":\"{u}a\",\"arrayof\":\"{u}b\"}]}"));
        assertEquals("encoded operation descriptor/types/0: unknown property 'arrayof'; allowed: [fields, name]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EncodedOperation.fromJson(
                "{\"name\":\"x\",\"input\":[{\"name\":\"p\",\"type\":\"{u}Missing\"}]}"));
        assertEquals("part p of operation x refers to type {u}Missing, which is neither built in (xsd:, soapenc:) "
                + "nor in the type table", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EncodedTypes.of(
                new EncodedTypes.ArrayOf(Omniture.omni("a"), Omniture.omni("b")),
                new EncodedTypes.ArrayOf(Omniture.omni("b"), Omniture.omni("a"))));
        assertEquals("array type {http://www.omniture.com/}a contains itself through {http://www.omniture.com/}a: "
                + "its soapenc:arrayType would be infinite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EncodedOperation.fromJson("{\"name\":"));
        assertEquals(true, e.getMessage().startsWith("encoded operation descriptor is not JSON"), e.getMessage());
    }
}
