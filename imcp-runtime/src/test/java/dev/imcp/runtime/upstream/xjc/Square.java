package dev.imcp.runtime.upstream.xjc;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** The type of member {@code square}. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Square", propOrder = {"side"})
public class Square extends Shape {
    /** The side. */
    protected int side;
}
