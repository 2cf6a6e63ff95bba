package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.wsdl.XsdBuiltIns.Family;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.ws.commons.schema.XmlSchemaEnumerationFacet;
import org.apache.ws.commons.schema.XmlSchemaFacet;
import org.apache.ws.commons.schema.XmlSchemaFractionDigitsFacet;
import org.apache.ws.commons.schema.XmlSchemaLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxExclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxInclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaMinExclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMinInclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMinLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaPatternFacet;
import org.apache.ws.commons.schema.XmlSchemaTotalDigitsFacet;

/**
 * Applies the facets of one {@code xsd:restriction} step (XML Schema 1.0 Part 2, section 4.3) to the
 * schema its base type gave, so a chain of derivations narrows step by step.
 *
 * <ul>
 * <li>{@code pattern}: translated by {@link XsdRegex} and anchored. The pattern facets of one step are
 *     ORed (4.3.4.3: "pattern facets in the same derivation step are ORed"): {@code ^(?:(?:a)|(?:b))$}.
 *     Patterns of different steps are ANDed: the earlier one becomes a lookahead over the whole value,
 *     {@code ^(?=(?:a)$)(?:b)$}, which keeps one {@code pattern} keyword that ECMA-262 and
 *     {@code java.util.regex} read alike. A step with an untranslatable pattern loses its pattern (the
 *     schema then accepts more than the XSD, never less) with a warning; so does a pattern on a number,
 *     boolean or list, since it constrains XML text that the JSON value does not have.
 * <li>{@code length}, {@code minLength}, {@code maxLength}: {@code minLength}/{@code maxLength} in
 *     characters for strings; for hexBinary twice the octets, for base64Binary {@code 4 * ceil(n / 3)}
 *     characters (4.3.1.3 counts octets); {@code minItems}/{@code maxItems} for lists (items).
 * <li>{@code minInclusive}, {@code maxInclusive}, {@code minExclusive}, {@code maxExclusive}:
 *     {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum} on numbers,
 *     always the tighter of the step's and the base's; on dates and durations, which JSON compares as
 *     text, dropped with a warning.
 * <li>{@code fractionDigits f}: {@code multipleOf 10^-f} on decimals. {@code totalDigits t}: the
 *     exclusive bounds {@code ±10^(t-f)} (with {@code f} the fraction digits in force, else 0 for
 *     integers). Both facets constrain the value space (4.3.11, 4.3.12), and a JSON number has no lexical
 *     form that survives parsing ({@code 1.50} is {@code 1.5}), so value keywords are the faithful form,
 *     not a pattern on text. With {@code fractionDigits} in force the two are exact; a decimal with
 *     only {@code totalDigits} gets the bound, which is necessary but not sufficient (12.345 passes
 *     {@code totalDigits 4}), and the upstream checks the rest.
 * <li>{@code enumeration}: {@code enum} in document order, each value typed as the base type (an
 *     {@code xsd:int} enumeration lists numbers); a step's enumeration replaces the base's (4.3.5: a
 *     derived enumeration is a subset).
 * <li>{@code whiteSpace}: not published; the upstream normalizes whitespace before it validates.
 * </ul>
 */
final class XsdFacets {

    private XsdFacets() {
    }

    /**
     * Applies {@code facets} to {@code schema}.
     *
     * @param schema the base type's schema, narrowed in place
     * @param family how the type's values are measured
     * @param facets the step's facets in document order
     * @param warn receives one message per facet that cannot be published
     */
    static void apply(SchemaModel.Builder schema, Family family, List<XmlSchemaFacet> facets, Consumer<String> warn) {
        List<String> patterns = new ArrayList<>();
        List<Object> enumeration = new ArrayList<>();
        Integer fractionDigits = null;
        Integer totalDigits = null;
        for (XmlSchemaFacet facet : facets) {
            String v = String.valueOf(facet.getValue()).strip();
            switch (facet) {
                case XmlSchemaPatternFacet f -> patterns.add(String.valueOf(facet.getValue()));
                case XmlSchemaEnumerationFacet f -> {
                    Object typed = XsdValues.typed(schema.kind(), v);
                    if (typed == null) {
                        warn.accept("enumeration value '" + v + "' is not a JSON " + schema.kind().jsonType()
                                + " and is left out of enum");
                    } else {
                        enumeration.add(typed);
                    }
                }
                case XmlSchemaLengthFacet f -> length(schema, family, "min", v, warn);
                case XmlSchemaMinLengthFacet f -> length(schema, family, "min", v, warn);
                case XmlSchemaMaxLengthFacet f -> length(schema, family, "max", v, warn);
                case XmlSchemaMinInclusiveFacet f -> bound(schema, family, "minimum", v, warn);
                case XmlSchemaMaxInclusiveFacet f -> bound(schema, family, "maximum", v, warn);
                case XmlSchemaMinExclusiveFacet f -> bound(schema, family, "exclusiveMinimum", v, warn);
                case XmlSchemaMaxExclusiveFacet f -> bound(schema, family, "exclusiveMaximum", v, warn);
                case XmlSchemaFractionDigitsFacet f -> fractionDigits = Integer.valueOf(v);
                case XmlSchemaTotalDigitsFacet f -> totalDigits = Integer.valueOf(v);
                default -> { }
            }
            if (facet instanceof XmlSchemaLengthFacet) {
                length(schema, family, "max", v, warn);
            }
        }
        if (!enumeration.isEmpty()) {
            schema.enumValues().clear();
            schema.enumValues().addAll(enumeration);
        }
        patterns(schema, family, patterns, warn);
        digits(schema, family, fractionDigits, totalDigits, warn);
        dropLooser(schema, "minimum", "exclusiveMinimum", true);
        dropLooser(schema, "maximum", "exclusiveMaximum", false);
    }

    /** Of an inclusive and an exclusive bound on one side, keeps only the one that binds. */
    private static void dropLooser(SchemaModel.Builder schema, String inclusive, String exclusive, boolean lower) {
        if (schema.constraint(inclusive) instanceof BigDecimal in && schema.constraint(exclusive) instanceof BigDecimal ex) {
            int c = in.compareTo(ex);
            boolean exclusiveBinds = lower ? c <= 0 : c >= 0;
            schema.removeConstraint(exclusiveBinds ? inclusive : exclusive);
        }
    }

    private static void patterns(SchemaModel.Builder schema, Family family, List<String> patterns,
            Consumer<String> warn) {
        if (patterns.isEmpty()) {
            return;
        }
        if (family != Family.TEXT && family != Family.TEMPORAL && family != Family.HEX && family != Family.BASE64) {
            warn.accept("pattern '" + String.join("' | '", patterns) + "' constrains the XML text of a "
                    + family.name().toLowerCase(java.util.Locale.ROOT) + " value, which JSON does not carry; "
                    + "it is not published");
            return;
        }
        StringBuilder alternatives = new StringBuilder();
        for (String p : patterns) {
            XsdRegex.Result r = XsdRegex.translate(p);
            if (r.pattern() == null) {
                warn.accept("pattern '" + p + "' is not published: " + r.problem());
                return;
            }
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(patterns.size() == 1 ? r.pattern()
                    : "(?:" + r.pattern() + ")");
        }
        String step = XsdRegex.anchored(alternatives.toString());
        Object base = schema.constraint("pattern");
        schema.constraint("pattern", base == null ? step : XsdRegex.both((String) base, step));
    }

    private static void length(SchemaModel.Builder schema, Family family, String side, String value,
            Consumer<String> warn) {
        long n = Long.parseLong(value);
        String keyword = switch (family) {
            case LIST -> side + "Items";
            case TEXT, HEX, BASE64 -> side + "Length";
            default -> null;
        };
        if (keyword == null) {
            warn.accept("a length facet on a " + family.name().toLowerCase(java.util.Locale.ROOT)
                    + " value is not published");
            return;
        }
        long chars = switch (family) {
            case HEX -> 2 * n;
            case BASE64 -> 4 * ((n + 2) / 3);
            default -> n;
        };
        BigDecimal v = BigDecimal.valueOf(chars);
        if ("min".equals(side)) {
            tighten(schema, keyword, v, true);
        } else {
            tighten(schema, keyword, v, false);
        }
    }

    private static void bound(SchemaModel.Builder schema, Family family, String keyword, String value,
            Consumer<String> warn) {
        if (family != Family.NUMERIC) {
            warn.accept(keyword + " '" + value + "' of a " + family.name().toLowerCase(java.util.Locale.ROOT)
                    + " value has no JSON Schema form and is not published");
            return;
        }
        BigDecimal v;
        try {
            v = new BigDecimal(value);
        } catch (NumberFormatException e) {
            warn.accept(keyword + " '" + value + "' is not a JSON number and is not published");
            return;
        }
        tighten(schema, keyword, v, keyword.toLowerCase(java.util.Locale.ROOT).contains("min"));
    }

    private static void digits(SchemaModel.Builder schema, Family family, Integer fractionDigits,
            Integer totalDigits, Consumer<String> warn) {
        if (fractionDigits == null && totalDigits == null) {
            return;
        }
        if (family != Family.NUMERIC) {
            warn.accept("totalDigits/fractionDigits apply to decimals only and are not published");
            return;
        }
        if (fractionDigits != null && schema.kind() == Kind.NUMBER) {
            BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(-fractionDigits);
            Object old = schema.constraint("multipleOf");
            if (old == null || ((BigDecimal) old).compareTo(step) < 0) {
                schema.constraint("multipleOf", step);
            }
        }
        if (totalDigits != null) {
            Object multiple = schema.constraint("multipleOf");
            int fraction = schema.kind() == Kind.INTEGER ? 0
                    : multiple instanceof BigDecimal m ? Math.max(0, m.stripTrailingZeros().scale()) : 0;
            BigDecimal limit = BigDecimal.ONE.scaleByPowerOfTen(totalDigits - fraction);
            tighten(schema, "exclusiveMaximum", limit, false);
            tighten(schema, "exclusiveMinimum", limit.negate(), true);
        }
    }

    /** Sets {@code keyword} to {@code value} unless the schema already has a tighter value. */
    private static void tighten(SchemaModel.Builder schema, String keyword, BigDecimal value, boolean lower) {
        Object old = schema.constraint(keyword);
        BigDecimal current = old instanceof BigDecimal d ? d : old instanceof Number n ? new BigDecimal(n.toString()) : null;
        if (current == null || (lower ? value.compareTo(current) > 0 : value.compareTo(current) < 0)) {
            schema.constraint(keyword, value);
        }
    }
}
