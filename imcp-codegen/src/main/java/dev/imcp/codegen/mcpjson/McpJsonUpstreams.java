package dev.imcp.codegen.mcpjson;

import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.UpstreamsModel;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The base URLs of an MCP JSON contract's tools ({@code endpoint.baseUrl}). The first is the service's default
 * URL; when the tools name more than one, each is an upstream with a name, configurable at run time as
 * {@code imcp.services.<id>.upstreams.<name>.url}.
 *
 * <p>A name is the URL's host, with its port when it has one ({@code api.example.com:8443} becomes
 * {@code api-example-com-8443}): lower case, each run of characters other than letters and digits one {@code -}.
 * When two base URLs share that, both take their path too ({@code api-example-com-v1}, {@code api-example-com-v2});
 * names still equal get {@code -2}, {@code -3} in contract order. The generated stub calls each tool's upstream
 * by name.
 */
final class McpJsonUpstreams {

    private final List<String> urls = new ArrayList<>();
    private final Map<String, String> urlOf = new LinkedHashMap<>();

    McpJsonUpstreams() {
    }

    /**
     * Records one published tool.
     *
     * @param baseUrl its {@code endpoint.baseUrl}, or {@code null}
     * @param op the tool
     */
    void tool(String baseUrl, OperationModel op) {
        if (baseUrl == null) {
            return;
        }
        if (!urls.contains(baseUrl)) {
            urls.add(baseUrl);
        }
        urlOf.put(op.location().pointer(), baseUrl);
    }

    /** Returns the first base URL, or {@code null} when no tool names one. */
    String defaultUrl() {
        return urls.isEmpty() ? null : urls.get(0);
    }

    /** Returns the named base URLs; {@link UpstreamsModel#NONE} when there are fewer than two. */
    UpstreamsModel model() {
        if (urls.size() < 2) {
            return UpstreamsModel.NONE;
        }
        Map<String, String> names = names(urls);
        Map<String, String> byName = new LinkedHashMap<>();
        urls.forEach(u -> byName.put(names.get(u), u));
        Map<String, String> operations = new LinkedHashMap<>();
        urlOf.forEach((key, url) -> operations.put(key, names.get(url)));
        return new UpstreamsModel(byName, operations);
    }

    /** Returns base URL to name, by the rule of the class comment. */
    static Map<String, String> names(List<String> urls) {
        Map<String, String> hostNames = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String u : urls) {
            String name = slug(hostAndPort(u));
            hostNames.put(u, name);
            counts.merge(name, 1, Integer::sum);
        }
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String u : urls) {
            String name = hostNames.get(u);
            if (counts.get(name) > 1) {
                name = slug(hostAndPort(u) + "/" + path(u));
            }
            String unique = name;
            for (int i = 2; !taken.add(unique); i++) {
                unique = name + "-" + i;
            }
            out.put(u, unique);
        }
        return out;
    }

    private static String hostAndPort(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() != null) {
                return u.getHost() + (u.getPort() == -1 ? "" : "-" + u.getPort());
            }
        } catch (IllegalArgumentException e) {
            // not a URL: its own text makes the name
        }
        return url;
    }

    private static String path(String url) {
        try {
            String p = URI.create(url).getPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "upstream" : s;
    }
}
