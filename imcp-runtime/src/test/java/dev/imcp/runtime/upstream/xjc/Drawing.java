package dev.imcp.runtime.upstream.xjc;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/**
 * {@code <drawing>}: a head reference ({@code <element ref="shape"/>}), a layer of them, a repeated choice of
 * {@code first}/{@code second} (both strings) and a repeated sequence of {@code key} (string) and
 * {@code value} (int), as XJC binds them, and an optional nillable {@code note}.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "", propOrder = {"shape", "layer", "firstOrSecond", "keyAndValue", "note"})
@XmlRootElement(name = "drawing")
public class Drawing {
    /** The head reference. */
    @XmlElementRef(name = "shape", namespace = "urn:xjc", type = JAXBElement.class)
    protected JAXBElement<? extends Shape> shape;
    /** A layer of shapes. */
    @XmlElement(required = true)
    protected Layer layer;
    /** The repeated choice. */
    @XmlElementRefs({
        @XmlElementRef(name = "first", namespace = "urn:xjc", type = JAXBElement.class, required = false),
        @XmlElementRef(name = "second", namespace = "urn:xjc", type = JAXBElement.class, required = false)
    })
    protected List<JAXBElement<String>> firstOrSecond;
    /** The repeated sequence. */
    @XmlElements({
        @XmlElement(name = "key", type = String.class),
        @XmlElement(name = "value", type = Integer.class)
    })
    protected List<Object> keyAndValue;
    /** An optional nillable element: its own name, no object around it. */
    @XmlElementRef(name = "note", namespace = "urn:xjc", type = JAXBElement.class, required = false)
    protected JAXBElement<String> note;
}
