package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.imcp.runtime.spi.HttpCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The styled parameters of one {@link HttpCall}, serialized by {@link ParameterStyles}.
 *
 * @param path placeholder name to its encoded expansion
 * @param query the encoded query string they add, or {@code ""}
 * @param headers header name to value; {@code Accept}, {@code Content-Type} and {@code Authorization} are left out
 *     (OpenAPI 3.0.3 section 4.7.12.1: such header parameters "SHALL be ignored")
 * @param cookie the {@code Cookie} header value ({@code a=1; b=2}), or {@code ""}
 */
record StyledParams(Map<String, String> path, String query, Map<String, String> headers, String cookie) {

    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");

    /**
     * Serializes the styled parameters of {@code call}.
     *
     * @throws IllegalArgumentException when a value cannot be sent (an empty path value, a wrong style)
     */
    /** The value as JSON: the usual scalars directly, anything else through the mapper (Jackson's tree conversion). */
    private static JsonNode tree(ObjectMapper mapper, Object value) {
        return switch (value) {
            case null -> JsonNodeFactory.instance.nullNode();
            case String s -> JsonNodeFactory.instance.textNode(s);
            case Integer i -> JsonNodeFactory.instance.numberNode(i);
            case Long l -> JsonNodeFactory.instance.numberNode(l);
            case Boolean b -> JsonNodeFactory.instance.booleanNode(b);
            default -> mapper.valueToTree(value);
        };
    }

    static StyledParams of(ObjectMapper mapper, HttpCall call) {
        Map<String, String> path = new LinkedHashMap<>();
        List<String> query = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (HttpCall.Param p : call.params()) {
            JsonNode value = tree(mapper, p.value());
            if (value.isNull() || value.isContainerNode() && value.isEmpty() && p.in() != HttpCall.In.PATH) {
                continue;
            }
            switch (p.in()) {
                case PATH -> path.put(p.name(), ParameterStyles.path(p.name(), p.style(), p.explode(), value));
                case QUERY -> query.addAll(ParameterStyles.query(p.name(), p.style(), p.explode(), p.allowReserved(), value));
                case HEADER -> {
                    if (!IGNORED_HEADERS.contains(p.name().toLowerCase(Locale.ROOT))) {
                        headers.put(p.name(), ParameterStyles.header(value, p.explode()));
                    }
                }
                case COOKIE -> cookies.addAll(ParameterStyles.cookie(p.name(), p.explode(), value));
            }
        }
        return new StyledParams(path, String.join("&", query), headers, String.join("; ", cookies));
    }
}
