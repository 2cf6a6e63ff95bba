package dev.imcp.runtime.upstream.xjc;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** The type of member {@code circle}. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Circle", propOrder = {"radius"})
public class Circle extends Shape {
    /** The radius. */
    protected int radius;
}
