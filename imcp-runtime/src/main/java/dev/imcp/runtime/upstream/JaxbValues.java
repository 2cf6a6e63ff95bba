package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import java.io.IOException;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;

/**
 * JSON for the two JAXB value types CXF's classes use that Jackson gets wrong on its own.
 *
 * <ul>
 *   <li>{@link XMLGregorianCalendar} ({@code xs:date}, {@code xs:dateTime}, {@code xs:time}, {@code xs:gYear}..)
 *       is its XML lexical form both ways: {@code "2024-02-29"} stays a date without a time zone, where Jackson
 *       would go through {@code java.util.Date} and send {@code 2024-02-29Z}.</li>
 *   <li>{@link JAXBElement}, the type of an optional nillable element ({@code minOccurs="0" nillable="true"}):
 *       a JSON {@code null} is the element with {@code xsi:nil="true"}, an absent property is no element, and a
 *       value is the element with that value (named after the field's {@link XmlElementRef}).</li>
 * </ul>
 * Properties whose element name varies (substitution groups, repeated choices and sequences) are
 * {@link JaxbElementGroups}'.
 */
final class JaxbValues {

    private JaxbValues() {
    }

    /** Returns the module with both (de)serializers. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static SimpleModule module() {
        DatatypeFactory datatypes;
        try {
            datatypes = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("No javax.xml.datatype implementation", e);
        }
        SimpleModule module = new SimpleModule("imcp-jaxb-values");
        module.addSerializer(XMLGregorianCalendar.class, new JsonSerializer<>() {
            @Override
            public void serialize(XMLGregorianCalendar value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeString(value.toXMLFormat());
            }
        });
        module.addDeserializer(XMLGregorianCalendar.class, new JsonDeserializer<>() {
            @Override
            public XMLGregorianCalendar deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return datatypes.newXMLGregorianCalendar(text == null ? "" : text.strip());
                } catch (IllegalArgumentException e) {
                    return (XMLGregorianCalendar) ctxt.handleWeirdStringValue(XMLGregorianCalendar.class, text,
                            "not an XML Schema date or time");
                }
            }
        });
        module.addSerializer((Class) JAXBElement.class, new JsonSerializer<JAXBElement<?>>() {
            @Override
            public void serialize(JAXBElement<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value.isNil()) {
                    gen.writeNull();
                } else {
                    provider.defaultSerializeValue(value.getValue(), gen);
                }
            }
        });
        module.addDeserializer((Class) JAXBElement.class, new ElementDeserializer(null, null, null));
        return module;
    }

    /** Binds a {@code JAXBElement<T>} property; contextual, as the element name and {@code T} come from the field. */
    private static final class ElementDeserializer extends JsonDeserializer<JAXBElement<?>>
            implements ContextualDeserializer {

        private final QName name;
        private final Class<?> valueClass;
        private final JsonDeserializer<Object> values;

        ElementDeserializer(QName name, Class<?> valueClass, JsonDeserializer<Object> values) {
            this.name = name;
            this.valueClass = valueClass;
            this.values = values;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JavaType type = property != null ? property.getType() : ctxt.getContextualType();
            while (type != null && type.isContainerType() && type.getContentType() != null) {
                type = type.getContentType(); // a List<JAXBElement<T>>: the element's T, not the list's
            }
            JavaType valueType = type == null ? ctxt.constructType(Object.class) : type.containedTypeOrUnknown(0);
            XmlElementRef ref = property == null ? null : property.getAnnotation(XmlElementRef.class);
            QName element = ref != null && !"##default".equals(ref.name())
                    ? new QName("##default".equals(ref.namespace()) ? "" : ref.namespace(), ref.name())
                    : new QName(property == null ? "value" : property.getName());
            return new ElementDeserializer(element, valueType.getRawClass(),
                    ctxt.findContextualValueDeserializer(valueType, property));
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public JAXBElement<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return new JAXBElement(name, valueClass, values.deserialize(p, ctxt));
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public JAXBElement<?> getNullValue(DeserializationContext ctxt) {
            // JSON null is xsi:nil="true"; an absent property never gets here and stays a null field (no element)
            JAXBElement<?> nil = new JAXBElement(name, valueClass, null);
            nil.setNil(true);
            return nil;
        }
    }
}
