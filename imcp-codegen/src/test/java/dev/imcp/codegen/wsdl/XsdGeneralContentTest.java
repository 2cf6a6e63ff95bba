package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SourceFile;
import dev.imcp.codegen.model.SourceLocation;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.common.xmlschema.SchemaCollection;
import org.junit.jupiter.api.Test;

/**
 * The general content lists on their own: XJC's field read from a generated source, elements replaced by it in
 * place, and a repeated group whose field cannot be found (here: no generated source) not published, with one
 * warning at the group.
 */
class XsdGeneralContentTest {

    private static final SourceLocation GROUP = SourceLocation.of("types.xsd", "/schema/complexType[@name='Pairs']");

    private static final String PAIRS = """
            package p;

            import jakarta.xml.bind.annotation.*;
            import java.util.List;

            public class Pairs {
                protected String title;
                @XmlElements({
                    @XmlElement(name = "key", type = String.class),
                    @XmlElement(name = "value", type = Integer.class)
                })
                protected List<Object> keyAndValue;

                public static class Inner {
                    @XmlElementRefs({
                        @XmlElementRef(name = "a", namespace = "urn:t", type = jakarta.xml.bind.JAXBElement.class),
                        @XmlElementRef(name = "b", namespace = "urn:t", type = jakarta.xml.bind.JAXBElement.class)
                    })
                    @XmlMixed
                    protected List<java.io.Serializable> content;
                }
            }
            """;

    /** {@code title}, then {@code key} and {@code value} as separate arrays, then {@code note}. */
    private static SchemaModel.Builder pairs() {
        SchemaModel string = SchemaModel.builder(Kind.STRING).build();
        return SchemaModel.builder(Kind.OBJECT)
                .property("title", string).required("title")
                .property("key", SchemaModel.builder(Kind.ARRAY).items(string).build()).required("key")
                .property("value", SchemaModel.builder(Kind.ARRAY).items(SchemaModel.builder(Kind.INTEGER).build())
                        .build())
                .property("note", string);
    }

    @Test
    void readsXjcFieldsWithTheJdkParser() {
        JaxbFields fields = new JaxbFields(List.of(new SourceFile("p/Pairs.java", PAIRS)));
        assertEquals(List.of(new JaxbFields.Field("keyAndValue", List.of(new QName("", "key"), new QName("", "value")),
                false)), fields.fields("p.Pairs"));
        assertEquals(List.of(new JaxbFields.Field("content", List.of(new QName("urn:t", "a"), new QName("urn:t", "b")),
                true)), fields.fields("p.Pairs.Inner"));
        assertEquals(List.of(), fields.fields("p.Other"));
    }

    @Test
    void elementsBecomeTheListInPlace() {
        Diagnostics diagnostics = new Diagnostics();
        XsdGeneralContent content = new XsdGeneralContent(new JaxbFields(List.of(new SourceFile("p/Pairs.java", PAIRS))),
                new XsdContext(new SchemaCollection(), null, diagnostics));
        SchemaModel.Builder object = pairs();
        content.apply("p.Pairs", List.of(new XsdGeneralContent.Group(List.of("key", "value"), false, GROUP)),
                SchemaModel.builder(Kind.OBJECT).build(), object);
        SchemaModel done = object.build();
        assertEquals(List.of("title", "keyAndValue", "note"), List.copyOf(done.properties().keySet()));
        assertEquals(List.of("title", "keyAndValue"), done.required(), "key was required, so the list is");
        SchemaModel list = done.properties().get("keyAndValue");
        assertEquals(1L, list.constraints().get("minItems"));
        assertEquals(List.of(List.of("key"), List.of("value")),
                list.items().oneOf().stream().map(SchemaModel::required).toList());
        assertEquals(Map.of("maxProperties", 1L), list.items().oneOf().getFirst().constraints());
        assertEquals(0, diagnostics.size());
    }

    @Test
    void aListThatCannotBeFoundIsNotPublished() {
        Diagnostics diagnostics = new Diagnostics();
        XsdGeneralContent content = new XsdGeneralContent(new JaxbFields(List.of()),
                new XsdContext(new SchemaCollection(), null, diagnostics));
        SchemaModel.Builder object = pairs();
        content.apply(null, List.of(new XsdGeneralContent.Group(List.of("key", "value"), false, GROUP)),
                SchemaModel.builder(Kind.OBJECT).build(), object);
        assertEquals(List.of("title", "note"), List.copyOf(object.build().properties().keySet()));
        assertEquals(List.of("title"), object.build().required());
        List<Diagnostic> warnings = diagnostics.all();
        assertEquals(1, warnings.size());
        assertEquals("WSDL_UNSUPPORTED_SCHEMA", warnings.getFirst().code());
        assertEquals(GROUP, warnings.getFirst().location());
        assertEquals("a repeated sequence or choice of key, value is one list in JAXB, whose Java field could not be "
                + "found in the generated classes; it is not published", warnings.getFirst().message());
    }
}
