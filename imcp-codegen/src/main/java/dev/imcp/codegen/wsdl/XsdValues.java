package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SchemaModel.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.ws.commons.schema.XmlSchemaAnnotated;
import org.apache.ws.commons.schema.XmlSchemaAnnotationItem;
import org.apache.ws.commons.schema.XmlSchemaDocumentation;
import org.w3c.dom.NodeList;

/**
 * XSD literals as JSON values, and {@code xsd:documentation} as text.
 */
final class XsdValues {

    private XsdValues() {
    }

    /**
     * Returns the XSD literal {@code lexical} as the JSON value of a schema of {@code kind}: a
     * {@code BigDecimal} for integers and numbers, a {@code Boolean} ({@code true}/{@code 1},
     * {@code false}/{@code 0}, XSD 1.0 Part 2, 3.2.2.1), a list of whitespace-separated strings for arrays
     * (xsd:list, 3.2.1 wire form), else the string as is.
     *
     * @return the value, or {@code null} when the literal is not a value of that JSON type (xsd:float's
     *     {@code INF}, a typo in the contract)
     */
    static Object typed(Kind kind, String lexical) {
        String v = lexical.strip();
        try {
            return switch (kind) {
                case INTEGER -> integer(v);
                case NUMBER -> new BigDecimal(v);
                case BOOLEAN -> switch (v) {
                    case "true", "1" -> Boolean.TRUE;
                    case "false", "0" -> Boolean.FALSE;
                    default -> null;
                };
                case ARRAY -> v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
                default -> lexical;
            };
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal integer(String v) {
        BigDecimal d = new BigDecimal(v);
        d.toBigIntegerExact();
        return d;
    }

    /**
     * Returns the text of the {@code xsd:documentation} children of {@code component}'s annotation,
     * whitespace collapsed to single spaces and joined by a blank line, or {@code null} when there is none.
     */
    static String documentation(XmlSchemaAnnotated component) {
        if (component == null || component.getAnnotation() == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (XmlSchemaAnnotationItem item : component.getAnnotation().getItems()) {
            if (item instanceof XmlSchemaDocumentation doc && doc.getMarkup() != null) {
                StringBuilder text = new StringBuilder();
                NodeList markup = doc.getMarkup();
                for (int i = 0; i < markup.getLength(); i++) {
                    text.append(markup.item(i).getTextContent()).append(' ');
                }
                String normalized = text.toString().strip().replaceAll("\\s+", " ");
                if (!normalized.isEmpty()) {
                    texts.add(normalized);
                }
            }
        }
        return texts.isEmpty() ? null : String.join("\n\n", texts);
    }
}
