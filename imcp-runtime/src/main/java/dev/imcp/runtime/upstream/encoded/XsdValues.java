package dev.imcp.runtime.upstream.encoded;

import javax.xml.namespace.QName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts between JSON-shaped Java values and the lexical forms of XML Schema's built-in simple types
 * (XML Schema Part 2, section 3), which SOAP 1.1 section 5.2.1 uses for simple values.
 */
final class XsdValues {

    /** The kinds of built-in simple types, by how their values are represented in JSON. */
    enum Kind { STRING, BOOLEAN, INT, LONG, INTEGER, DECIMAL, DOUBLE, FLOAT, BASE64, ANY }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("boolean", Kind.BOOLEAN),
            Map.entry("int", Kind.INT), Map.entry("short", Kind.INT), Map.entry("byte", Kind.INT),
            Map.entry("unsignedShort", Kind.INT), Map.entry("unsignedByte", Kind.INT),
            Map.entry("long", Kind.LONG), Map.entry("unsignedInt", Kind.LONG),
            Map.entry("integer", Kind.INTEGER), Map.entry("nonNegativeInteger", Kind.INTEGER),
            Map.entry("positiveInteger", Kind.INTEGER), Map.entry("nonPositiveInteger", Kind.INTEGER),
            Map.entry("negativeInteger", Kind.INTEGER), Map.entry("unsignedLong", Kind.INTEGER),
            Map.entry("decimal", Kind.DECIMAL),
            Map.entry("double", Kind.DOUBLE), Map.entry("float", Kind.FLOAT),
            Map.entry("base64Binary", Kind.BASE64), Map.entry("base64", Kind.BASE64),
            Map.entry("anyType", Kind.ANY), Map.entry("anySimpleType", Kind.ANY));

    /** Bounds of the integer types narrower than {@code xsd:integer}, as {min, max}. */
    private static final Map<String, BigInteger[]> BOUNDS = Map.of(
            "int", bounds(Integer.MIN_VALUE, Integer.MAX_VALUE),
            "short", bounds(Short.MIN_VALUE, Short.MAX_VALUE),
            "byte", bounds(Byte.MIN_VALUE, Byte.MAX_VALUE),
            "unsignedShort", bounds(0, 65535),
            "unsignedByte", bounds(0, 255),
            "long", bounds(Long.MIN_VALUE, Long.MAX_VALUE),
            "unsignedInt", bounds(0, 4294967295L),
            "unsignedLong", new BigInteger[] {BigInteger.ZERO, new BigInteger("18446744073709551615")},
            "nonNegativeInteger", new BigInteger[] {BigInteger.ZERO, null},
            "positiveInteger", new BigInteger[] {BigInteger.ONE, null});

    private static final Set<String> NEGATIVE = Set.of("nonPositiveInteger", "negativeInteger");

    private XsdValues() {
    }

    /**
     * Returns how values of a built-in type are represented; every built-in name not listed (string types,
     * dates, times, durations, {@code hexBinary}, {@code anyURI}, {@code QName}) is {@link Kind#STRING}.
     *
     * @param type a built-in type ({@code xsd:} or {@code soapenc:}), or {@code null} for {@code xsd:anyType}
     */
    static Kind kind(QName type) {
        return type == null ? Kind.ANY : KINDS.getOrDefault(type.getLocalPart(), Kind.STRING);
    }

    /**
     * Returns the XML Schema type a value of unknown declared type ({@code xsd:anyType}) is sent as.
     *
     * @param value a scalar JSON value
     * @return the local name of an {@code xsd:} type
     */
    static String inferredType(Object value) {
        if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return "int";
        } else if (value instanceof Long) {
            return "long";
        } else if (value instanceof BigInteger) {
            return "integer";
        } else if (value instanceof BigDecimal) {
            return "decimal";
        } else if (value instanceof Number) {
            return "double";
        }
        return "string";
    }

    /**
     * Returns the lexical form of {@code value} as a {@code type}.
     *
     * @param type a built-in type
     * @param value a scalar JSON value (a numeric string is accepted where a number is due)
     * @param path the argument path, for the message
     * @return the element's text
     * @throws IllegalArgumentException when the value has no lexical form in {@code type} or is out of its range
     */
    static String encode(QName type, Object value, String path) {
        if (value instanceof java.util.Map || value instanceof java.util.List) {
            throw new IllegalArgumentException(path + ": expected a " + name(type) + " value, got a JSON "
                    + (value instanceof java.util.Map ? "object" : "array"));
        }
        String local = type == null ? "anyType" : type.getLocalPart();
        return switch (kind(type)) {
            case STRING -> String.valueOf(value);
            case ANY -> value instanceof Number n ? encodeNumber(n) : String.valueOf(value);
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b.toString();
                }
                String s = String.valueOf(value).trim();
                yield switch (s) {
                    case "true", "1" -> "true";
                    case "false", "0" -> "false";
                    default -> throw new IllegalArgumentException(path + ": expected a boolean, got '" + s + "'");
                };
            }
            case INT, LONG, INTEGER -> integral(local, value, path).toString();
            case DECIMAL -> decimal(value, path).toPlainString();
            case DOUBLE, FLOAT -> value instanceof Number n ? encodeNumber(n) : floating(String.valueOf(value), path);
            case BASE64 -> {
                String s = String.valueOf(value).replaceAll("\\s+", "");
                try {
                    Base64.getDecoder().decode(s);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": expected base64 (RFC 4648 section 4), " + e.getMessage());
                }
                yield s;
            }
        };
    }

    /**
     * Returns the JSON value of {@code text} read as a {@code type}; see
     * {@link dev.imcp.runtime.spi.EncodedSoapPort} for the Java type of each.
     *
     * @param type a built-in type
     * @param text the element's text
     * @return the value
     * @throws IllegalArgumentException when {@code text} is not a lexical form of {@code type}
     */
    static Object decode(QName type, String text) {
        String s = text.trim();
        return switch (kind(type)) {
            case STRING, ANY -> text;
            case BOOLEAN -> switch (s) {
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("'" + s + "' is not an xsd:boolean");
            };
            case INT -> Integer.valueOf(s);
            case LONG -> Long.valueOf(s);
            case INTEGER -> new BigInteger(s);
            case DECIMAL -> new BigDecimal(s);
            case DOUBLE -> special(s) ? s : (Object) Double.valueOf(s);
            case FLOAT -> special(s) ? s : (Object) Float.valueOf(s);
            case BASE64 -> s.replaceAll("\\s+", "");
        };
    }

    private static boolean special(String s) {
        return s.equals("INF") || s.equals("-INF") || s.equals("NaN");
    }

    private static String encodeNumber(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "INF" : "-INF";
            }
            return n.toString();
        }
        return n instanceof BigDecimal b ? b.toPlainString() : n.toString();
    }

    private static String floating(String s, String path) {
        String t = s.trim();
        if (special(t)) {
            return t;
        }
        try {
            Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ": expected a number, got '" + t + "'");
        }
        return t;
    }

    private static BigDecimal decimal(Object value, String path) {
        try {
            return value instanceof BigDecimal b ? b : new BigDecimal(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ": expected a number, got '" + value + "'");
        }
    }

    private static BigInteger integral(String local, Object value, String path) {
        BigInteger v;
        try {
            v = value instanceof BigInteger b ? b : decimal(value, path).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(path + ": expected an integer for xsd:" + local + ", got " + value);
        }
        BigInteger[] b = BOUNDS.get(local);
        boolean below = b != null && b[0] != null && v.compareTo(b[0]) < 0;
        boolean above = b != null && b[1] != null && v.compareTo(b[1]) > 0;
        boolean sign = NEGATIVE.contains(local)
                && v.signum() > ("negativeInteger".equals(local) ? -1 : 0);
        if (below || above || sign) {
            throw new IllegalArgumentException(path + ": " + v + " is out of the range of xsd:" + local);
        }
        return v;
    }

    private static BigInteger[] bounds(long min, long max) {
        return new BigInteger[] {BigInteger.valueOf(min), BigInteger.valueOf(max)};
    }

    private static String name(QName type) {
        return type == null ? "xsd:anyType" : type.getLocalPart().toLowerCase(Locale.ROOT).equals("anytype")
                ? "xsd:anyType" : "xsd:" + type.getLocalPart();
    }
}
