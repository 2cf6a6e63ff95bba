package dev.imcp.runtime.upstream.xjc;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElementDecl;
import jakarta.xml.bind.annotation.XmlRegistry;
import javax.xml.namespace.QName;

/** The element declarations, as XJC writes them. */
@XmlRegistry
public class ObjectFactory {
    private static final String NS = "urn:xjc";

    /** Creates the factory. */
    public ObjectFactory() {
    }

    /** @return a drawing */
    public Drawing createDrawing() {
        return new Drawing();
    }

    /** @param value the content @return the element */
    @XmlElementDecl(namespace = NS, name = "shape")
    public JAXBElement<Shape> createShape(Shape value) {
        return new JAXBElement<>(new QName(NS, "shape"), Shape.class, value);
    }

    /** @param value the content @return the element */
    @XmlElementDecl(namespace = NS, name = "circle", substitutionHeadNamespace = NS, substitutionHeadName = "shape")
    public JAXBElement<Circle> createCircle(Circle value) {
        return new JAXBElement<>(new QName(NS, "circle"), Circle.class, value);
    }

    /** @param value the content @return the element */
    @XmlElementDecl(namespace = NS, name = "square", substitutionHeadNamespace = NS, substitutionHeadName = "shape")
    public JAXBElement<Square> createSquare(Square value) {
        return new JAXBElement<>(new QName(NS, "square"), Square.class, value);
    }

    /** @param value the content @return the element */
    @XmlElementDecl(namespace = NS, name = "first", scope = Drawing.class)
    public JAXBElement<String> createDrawingFirst(String value) {
        return new JAXBElement<>(new QName(NS, "first"), String.class, Drawing.class, value);
    }

    /** @param value the content @return the element */
    @XmlElementDecl(namespace = NS, name = "second", scope = Drawing.class)
    public JAXBElement<String> createDrawingSecond(String value) {
        return new JAXBElement<>(new QName(NS, "second"), String.class, Drawing.class, value);
    }

    /** @param value the content @return the element */
    @XmlElementDecl(namespace = NS, name = "note", scope = Drawing.class)
    public JAXBElement<String> createDrawingNote(String value) {
        return new JAXBElement<>(new QName(NS, "note"), String.class, Drawing.class, value);
    }
}
