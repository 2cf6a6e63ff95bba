package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The built-in datatypes of XML Schema 1.0 Part 2 (section 3) as JSON Schema, each with the value space
 * JSON can state:
 *
 * <table>
 * <caption>Built-in types</caption>
 * <tr><th>XSD</th><th>JSON Schema</th></tr>
 * <tr><td>string, normalizedString, token, QName, NOTATION, ENTITY</td><td>string</td></tr>
 * <tr><td>Name, NCName, ID, IDREF, NMTOKEN, language</td><td>string with the type's lexical pattern
 *     (3.3.6 to 3.3.9, 3.3.3, 3.3.4)</td></tr>
 * <tr><td>dateTime, date, time, duration</td><td>string, format date-time, date, time, duration</td></tr>
 * <tr><td>gYear, gYearMonth, gMonth, gMonthDay, gDay</td><td>string</td></tr>
 * <tr><td>anyURI</td><td>string, format uri-reference (anyURI admits relative references, which
 *     format uri does not)</td></tr>
 * <tr><td>base64Binary</td><td>string, contentEncoding base64</td></tr>
 * <tr><td>hexBinary</td><td>string, contentEncoding base16 and a pattern of hex digit pairs</td></tr>
 * <tr><td>boolean</td><td>boolean</td></tr>
 * <tr><td>decimal</td><td>number (JSON numbers are decimal text: the published schema loses nothing, and
 *     the JAXB {@code BigDecimal} field keeps every digit Jackson reads)</td></tr>
 * <tr><td>float, double</td><td>number, format float, double ({@code INF}, {@code -INF} and {@code NaN}
 *     are XSD values no JSON number can carry)</td></tr>
 * <tr><td>integer and its derivations</td><td>integer with the type's minimum and maximum (3.3.13 to
 *     3.3.25); int, short, byte, unsignedShort, unsignedByte keep format int32, long and unsignedInt int64</td></tr>
 * <tr><td>anyType, anySimpleType</td><td>any value</td></tr>
 * </table>
 * The date and time formats are the RFC 3339 ones, which require a time zone offset that XSD leaves
 * optional; JSON Schema 2020-12 makes {@code format} an annotation by default (Validation, section 7.2).
 */
final class XsdBuiltIns {

    /** How facets read a type's values (XSD 1.0 Part 2, section 4.3: what length and the bounds measure). */
    enum Family {
        /** Strings: length counts characters. */
        TEXT,
        /** Ordered numbers: the bounds and digit facets apply. */
        NUMERIC,
        /** Dates, times and durations: ordered, but not as JSON numbers. */
        TEMPORAL,
        /** hexBinary: length counts octets, two characters each. */
        HEX,
        /** base64Binary: length counts octets, four characters per three. */
        BASE64,
        /** boolean. */
        BOOLEAN,
        /** xsd:list types: length counts items. */
        LIST,
        /** anyType and the rest. */
        OTHER
    }

    private record BuiltIn(Kind kind, String format, Family family, String min, String max, String pattern) {
    }

    private static BuiltIn text(String pattern) {
        return new BuiltIn(Kind.STRING, null, Family.TEXT, null, null, pattern);
    }

    private static BuiltIn integer(String format, String min, String max) {
        return new BuiltIn(Kind.INTEGER, format, Family.NUMERIC, min, max, null);
    }

    private static BuiltIn temporal(String format) {
        return new BuiltIn(Kind.STRING, format, Family.TEMPORAL, null, null, null);
    }

    private static final String NC_NAME = "[\\i-[:]][\\c-[:]]*";

    private static final Map<String, BuiltIn> TYPES = Map.ofEntries(
            Map.entry("string", text(null)),
            Map.entry("normalizedString", text(null)),
            Map.entry("token", text(null)),
            Map.entry("QName", text(null)),
            Map.entry("NOTATION", text(null)),
            Map.entry("ENTITY", text(NC_NAME)),
            Map.entry("language", text("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")),
            Map.entry("Name", text("\\i\\c*")),
            Map.entry("NCName", text(NC_NAME)),
            Map.entry("ID", text(NC_NAME)),
            Map.entry("IDREF", text(NC_NAME)),
            Map.entry("NMTOKEN", text("\\c+")),
            Map.entry("anyURI", new BuiltIn(Kind.STRING, "uri-reference", Family.TEXT, null, null, null)),
            Map.entry("base64Binary", new BuiltIn(Kind.STRING, null, Family.BASE64, null, null, null)),
            Map.entry("hexBinary", new BuiltIn(Kind.STRING, null, Family.HEX, null, null, "([0-9a-fA-F]{2})*")),
            Map.entry("dateTime", temporal("date-time")),
            Map.entry("date", temporal("date")),
            Map.entry("time", temporal("time")),
            Map.entry("duration", temporal("duration")),
            Map.entry("gYear", temporal(null)),
            Map.entry("gYearMonth", temporal(null)),
            Map.entry("gMonth", temporal(null)),
            Map.entry("gMonthDay", temporal(null)),
            Map.entry("gDay", temporal(null)),
            Map.entry("boolean", new BuiltIn(Kind.BOOLEAN, null, Family.BOOLEAN, null, null, null)),
            Map.entry("decimal", new BuiltIn(Kind.NUMBER, null, Family.NUMERIC, null, null, null)),
            Map.entry("float", new BuiltIn(Kind.NUMBER, "float", Family.NUMERIC, null, null, null)),
            Map.entry("double", new BuiltIn(Kind.NUMBER, "double", Family.NUMERIC, null, null, null)),
            Map.entry("integer", integer(null, null, null)),
            Map.entry("nonNegativeInteger", integer(null, "0", null)),
            Map.entry("positiveInteger", integer(null, "1", null)),
            Map.entry("nonPositiveInteger", integer(null, null, "0")),
            Map.entry("negativeInteger", integer(null, null, "-1")),
            Map.entry("long", integer("int64", "-9223372036854775808", "9223372036854775807")),
            Map.entry("int", integer("int32", "-2147483648", "2147483647")),
            Map.entry("short", integer("int32", "-32768", "32767")),
            Map.entry("byte", integer("int32", "-128", "127")),
            Map.entry("unsignedLong", integer(null, "0", "18446744073709551615")),
            Map.entry("unsignedInt", integer("int64", "0", "4294967295")),
            Map.entry("unsignedShort", integer("int32", "0", "65535")),
            Map.entry("unsignedByte", integer("int32", "0", "255")),
            Map.entry("anySimpleType", new BuiltIn(Kind.ANY, null, Family.OTHER, null, null, null)),
            Map.entry("anyType", new BuiltIn(Kind.ANY, null, Family.OTHER, null, null, null)));

    private XsdBuiltIns() {
    }

    /** Returns whether {@code localName} is a built-in type this class maps. */
    static boolean known(String localName) {
        return TYPES.containsKey(localName);
    }

    /** Returns the facet family of the built-in {@code localName}; {@link Family#TEXT} when unknown. */
    static Family family(String localName) {
        BuiltIn b = TYPES.get(localName);
        return b == null ? Family.TEXT : b.family();
    }

    /**
     * Returns a schema builder for the built-in {@code localName}, or {@code null} when it is not one.
     * Bounds are {@link BigDecimal}s, the pattern is anchored ECMA-262.
     */
    static SchemaModel.Builder schema(String localName) {
        BuiltIn b = TYPES.get(localName);
        if (b == null) {
            return null;
        }
        SchemaModel.Builder schema = SchemaModel.builder(b.kind()).format(b.format());
        if (b.family() == Family.BASE64) {
            schema.contentEncoding("base64");
        } else if (b.family() == Family.HEX) {
            schema.contentEncoding("base16");
        }
        schema.constraint("minimum", b.min() == null ? null : new BigDecimal(b.min()));
        schema.constraint("maximum", b.max() == null ? null : new BigDecimal(b.max()));
        if (b.pattern() != null) {
            schema.constraint("pattern", XsdRegex.anchored(XsdRegex.translate(b.pattern()).pattern()));
        }
        return schema;
    }
}
