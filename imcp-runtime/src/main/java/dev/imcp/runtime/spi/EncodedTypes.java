package dev.imcp.runtime.spi;

import javax.xml.namespace.QName;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The type table of a SOAP 1.1 rpc/encoded service: the named complex types its operations' parts use,
 * read from the WSDL's {@code types} section. Built once per service and shared by every
 * {@link EncodedOperation} of it; immutable and thread-safe.
 *
 * <p>Built-in types are not listed: XML Schema's ({@code http://www.w3.org/2001/XMLSchema}, e.g.
 * {@code xsd:int}) and the SOAP encoding's ({@code http://schemas.xmlsoap.org/soap/encoding/}, e.g.
 * {@code soapenc:string}, SOAP 1.1 section 5.2.1) are known to the runtime.
 */
public final class EncodedTypes {

    /** A table without types, for services whose parts are all built-in types. */
    public static final EncodedTypes EMPTY = new EncodedTypes(List.of());

    private final Map<QName, Type> types;

    private EncodedTypes(Collection<? extends Type> types) {
        Map<QName, Type> byName = new LinkedHashMap<>();
        for (Type t : types) {
            Objects.requireNonNull(t, "type");
            if (byName.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("type " + t.name() + " is defined twice");
            }
        }
        this.types = Collections.unmodifiableMap(byName);
        for (Type t : types) {
            if (t instanceof ArrayOf a) {
                checkResolves(a.name(), a.itemType());
                checkArrayChain(a);
            } else if (t instanceof Struct st) {
                st.fields().forEach(f -> checkResolves(st.name(), f.type()));
            }
        }
    }

    /**
     * Checks that {@code ref}, used by {@code user}, is built in or defined here.
     *
     * @throws IllegalArgumentException when it is neither
     */
    void checkResolves(Object user, QName ref) {
        if (ref != null && !EncodedOperation.isBuiltIn(ref) && !types.containsKey(ref)) {
            throw new IllegalArgumentException(user + " refers to type " + ref
                    + ", which is neither built in (xsd:, soapenc:) nor in the type table");
        }
    }

    /**
     * Returns a table of {@code types}.
     *
     * @param types the complex types, each name once; their order is kept by {@link #all()}
     * @return the table
     * @throws IllegalArgumentException when a name is defined twice, a field or item type is neither built in nor
     *     in {@code types}, or an array type is, through other
     *     array types, its own item type (such an array has no finite {@code soapenc:arrayType})
     */
    public static EncodedTypes of(Collection<? extends Type> types) {
        return new EncodedTypes(types);
    }

    /**
     * Returns a table of {@code types}; see {@link #of(Collection)}.
     *
     * @param types the complex types
     * @return the table
     */
    public static EncodedTypes of(Type... types) {
        return new EncodedTypes(List.of(types));
    }

    /**
     * Returns the type named {@code name}.
     *
     * @param name a type's qualified name
     * @return the type, or {@code null} when the table has none of that name (built-in types included)
     */
    public Type get(QName name) {
        return name == null ? null : types.get(name);
    }

    /** Returns every type, in the order given to {@link #of}. */
    public List<Type> all() {
        return List.copyOf(types.values());
    }

    /** Two tables are equal when they hold equal types in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedTypes other && all().equals(other.all());
    }

    @Override
    public int hashCode() {
        return all().hashCode();
    }

    @Override
    public String toString() {
        return "EncodedTypes" + types.keySet();
    }

    private void checkArrayChain(ArrayOf start) {
        Set<QName> seen = new HashSet<>();
        Type t = start;
        while (t instanceof ArrayOf a) {
            if (!seen.add(a.name())) {
                throw new IllegalArgumentException("array type " + start.name() + " contains itself through "
                        + a.name() + ": its soapenc:arrayType would be infinite");
            }
            t = types.get(a.itemType());
        }
    }

    /** One complex type of the table: a struct or an array (SOAP 1.1 section 5.1, "compound value"). */
    public sealed interface Type permits Struct, ArrayOf {

        /** Returns the type's qualified name, e.g. {@code {http://www.omniture.com/}report_suite}. */
        QName name();
    }

    /**
     * A struct (SOAP 1.1 section 5.4.1): an {@code xsd:complexType} whose {@code xsd:sequence} or
     * {@code xsd:all} lists named elements. Sent and read as one JSON object whose properties are the fields.
     *
     * @param name the type's qualified name
     * @param fields the accessors, in the order the schema lists them and the request sends them
     */
    public record Struct(QName name, List<Field> fields) implements Type {

        /** Checks the components and copies the field list; field names must be unique. */
        public Struct {
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
            Set<String> names = new HashSet<>();
            for (Field f : fields) {
                if (!names.add(f.name())) {
                    throw new IllegalArgumentException("struct " + name + " has two fields named " + f.name());
                }
            }
        }

        /**
         * Returns the field named {@code name}.
         *
         * @param name the element's local name
         * @return the field, or {@code null} when the struct has none of that name
         */
        public Field field(String name) {
            for (Field f : fields) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    /**
     * One accessor of a {@link Struct}: an {@code xsd:element} of its sequence.
     *
     * @param name the element's local name, also the JSON property name; sent unqualified, as SOAP 1.1
     *     section 5.1 rule 2 says of struct accessors
     * @param type the element's type ({@code @type}); {@code null} for {@code xsd:anyType}
     * @param minOccurs {@code @minOccurs}: 0 lets the request leave out a field the arguments lack; otherwise a
     *     missing field is sent as {@code xsi:nil="true"}
     * @param nillable {@code @nillable}: informational, a JSON {@code null} is always sent as {@code xsi:nil="true"}
     * @param repeated {@code @maxOccurs} above 1 or {@code unbounded}: the JSON value is an array sent as one
     *     element per item, and read back as an array even with a single occurrence
     */
    public record Field(String name, QName type, int minOccurs, boolean nillable, boolean repeated) {

        /** Checks the components. */
        public Field {
            Objects.requireNonNull(name, "name");
            if (minOccurs < 0) {
                throw new IllegalArgumentException("field " + name + ": minOccurs must not be negative");
            }
        }

        /**
         * Returns a required, non-nillable, single field.
         *
         * @param name the element's local name
         * @param type the element's type
         * @return the field
         */
        public static Field of(String name, QName type) {
            return new Field(name, type, 1, false, false);
        }
    }

    /**
     * A SOAP-encoded array (SOAP 1.1 section 5.4.2, WSDL 1.1 section 2.2): a restriction of
     * {@code soapenc:Array} whose {@code soapenc:arrayType} (or {@code wsdl:arrayType}) attribute is
     * {@code itemType[]}. Sent and read as one JSON array.
     *
     * @param name the type's qualified name, e.g. {@code {http://www.omniture.com/}report_suite_array}
     * @param itemType the items' type, e.g. {@code {http://www.omniture.com/}report_suite}; another array type
     *     of the table for arrays of arrays ({@code tns:Foo[][]}); {@code null} for {@code xsd:anyType}
     */
    public record ArrayOf(QName name, QName itemType) implements Type {

        /** Checks the name. */
        public ArrayOf {
            Objects.requireNonNull(name, "name");
        }
    }
}
