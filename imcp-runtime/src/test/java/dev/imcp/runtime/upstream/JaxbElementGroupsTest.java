package dev.imcp.runtime.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.upstream.xjc.Drawing;
import jakarta.xml.bind.JAXBContext;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The JSON form of JAXB properties whose element name varies, on XJC-style classes: what an upstream's XML
 * becomes, what a caller's JSON becomes on the wire, and the mistakes a caller can make.
 */
class JaxbElementGroupsTest {

    private static final String XML = "<drawing xmlns=\"urn:xjc\">"
            + "<circle><label>c</label><radius>2</radius></circle>"
            + "<layer><square><label>s</label><side>3</side></square><shape><label>plain</label></shape></layer>"
            + "<first>f</first><second>s</second><first>g</first>"
            + "<key>a</key><value>1</value><key>b</key><value>2</value>"
            + "<note xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>"
            + "</drawing>";

    private static final String JSON = "{\"shape\":{\"circle\":{\"label\":\"c\",\"radius\":2}},"
            + "\"layer\":{\"shape\":[{\"square\":{\"label\":\"s\",\"side\":3}},{\"shape\":{\"label\":\"plain\"}}]},"
            + "\"firstOrSecond\":[{\"first\":\"f\"},{\"second\":\"s\"},{\"first\":\"g\"}],"
            + "\"keyAndValue\":[{\"key\":\"a\"},{\"value\":1},{\"key\":\"b\"},{\"value\":2}],"
            + "\"note\":null}";

    private final ObjectMapper mapper = JsonMapping.create();

    @Test
    void elementNamesSurviveXmlToJsonAndBack() throws Exception {
        JAXBContext jaxb = JAXBContext.newInstance(Drawing.class);
        Object fromXml = jaxb.createUnmarshaller().unmarshal(new StringReader(XML));
        assertEquals(mapper.readTree(JSON), mapper.readTree(mapper.writeValueAsString(fromXml)));

        Drawing fromJson = mapper.readValue(JSON, Drawing.class);
        StringWriter xml = new StringWriter();
        jaxb.createMarshaller().marshal(fromJson, xml);
        assertEquals(canonical(XML), canonical(xml.toString()));
    }

    /** {@code xml} without its prolog and namespace declarations, which the marshaller places as it likes. */
    private static String canonical(String xml) {
        return xml.replaceAll("<\\?xml[^>]*\\?>", "").replaceAll(" xmlns(:\\w+)?=\"[^\"]*\"", "");
    }

    @Test
    void aCallerMistakeNamesTheElementsAccepted() {
        JsonMappingException unknown = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"shape\":{\"triangle\":{}}}", Drawing.class));
        assertTrue(unknown.getOriginalMessage().contains("'triangle' is not an element here; expected one of [shape, "
                + "circle, square]"), unknown.getOriginalMessage());
        JsonMappingException two = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"firstOrSecond\":[{\"first\":\"f\",\"second\":\"s\"}]}", Drawing.class));
        assertTrue(two.getOriginalMessage().contains("exactly one property"), two.getOriginalMessage());
        JsonMappingException bare = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"keyAndValue\":[\"a\"]}", Drawing.class));
        assertTrue(bare.getOriginalMessage().contains("one of [key, value]"), bare.getOriginalMessage());
    }
}
