package dev.imcp.runtime.upstream.encoded;

import dev.imcp.runtime.spi.EncodedOperation;
import dev.imcp.runtime.spi.EncodedTypes;

import javax.xml.namespace.QName;

/**
 * The expected type of one accessor: a type name, wrapped in {@code depth} array dimensions when it comes from a
 * {@code soapenc:arrayType} such as {@code xsd:int[][3]} (SOAP 1.1 section 5.4.2: an array of arrays of int).
 *
 * @param type the innermost type; {@code null} for {@code xsd:anyType} (unknown)
 * @param depth the number of {@code []} groups around it; 0 for a plain type
 */
record Shape(QName type, int depth) {

    /** The SOAP 1.1 section 5.4.2 array type, {@code soapenc:Array}. */
    static final QName SOAPENC_ARRAY = new QName(EncodedOperation.SOAP_ENCODING, "Array");
    /** An unknown type. */
    static final Shape ANY = new Shape(null, 0);

    /** Returns the shape of a declared type name. */
    static Shape of(QName type) {
        return type == null ? ANY : new Shape(type, 0);
    }

    /**
     * Returns whether values of this shape are arrays: an array dimension, {@code soapenc:Array}, or an
     * {@link EncodedTypes.ArrayOf} of {@code types}.
     */
    boolean isArray(EncodedTypes types) {
        return depth > 0 || SOAPENC_ARRAY.equals(type) || types.get(type) instanceof EncodedTypes.ArrayOf;
    }

    /** Returns the shape of this array's items; {@link #ANY} when they are not declared. */
    Shape item(EncodedTypes types) {
        if (depth > 0) {
            return new Shape(type, depth - 1);
        }
        return types.get(type) instanceof EncodedTypes.ArrayOf a ? of(a.itemType()) : ANY;
    }
}
