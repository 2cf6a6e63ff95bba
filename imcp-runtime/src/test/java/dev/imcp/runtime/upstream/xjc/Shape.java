package dev.imcp.runtime.upstream.xjc;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlSeeAlso;
import jakarta.xml.bind.annotation.XmlType;

/** The type of the substitution group head {@code shape}. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Shape", propOrder = {"label"})
@XmlSeeAlso({Circle.class, Square.class})
public class Shape {
    /** The label. */
    protected String label;
}
