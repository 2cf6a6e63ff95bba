/**
 * Hand-written stand-ins for XJC's output (Jakarta XML Binding 4.0 section 6) for the JSON mapping tests: a
 * substitution group ({@code shape}, {@code circle}, {@code square}), a repeated choice of one type
 * ({@code @XmlElementRefs}), a repeated sequence of several types ({@code @XmlElements}) and their
 * {@link dev.imcp.runtime.upstream.xjc.ObjectFactory}.
 */
@XmlSchema(namespace = "urn:xjc", elementFormDefault = XmlNsForm.QUALIFIED)
package dev.imcp.runtime.upstream.xjc;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
