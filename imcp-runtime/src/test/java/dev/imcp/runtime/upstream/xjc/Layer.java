package dev.imcp.runtime.upstream.xjc;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/** {@code <layer>}: a repeated head reference ({@code <element ref="shape" maxOccurs="unbounded"/>}). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Layer", propOrder = {"shape"})
public class Layer {
    /** The shapes, each any member of the group. */
    @XmlElementRef(name = "shape", namespace = "urn:xjc", type = JAXBElement.class, required = false)
    protected List<JAXBElement<? extends Shape>> shape;
}
