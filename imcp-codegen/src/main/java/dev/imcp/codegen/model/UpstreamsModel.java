package dev.imcp.codegen.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named base URLs of a contract whose operations do not all go to one (MCP JSON tools with different
 * {@code endpoint.baseUrl}s); the runtime's {@code NamedUpstreams}.
 *
 * @param urls upstream name to base URL, in contract order; empty for a contract with one base URL
 * @param operations the JSON pointer of an operation's declaration ({@link OperationModel#location()}, stable
 *     through renaming) to its upstream's name; every operation with a base URL is listed
 */
public record UpstreamsModel(Map<String, String> urls, Map<String, String> operations) {

    /** One base URL. */
    public static final UpstreamsModel NONE = new UpstreamsModel(Map.of(), Map.of());

    /** Copies the maps. */
    public UpstreamsModel {
        urls = Collections.unmodifiableMap(new LinkedHashMap<>(urls));
        operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
    }
}
