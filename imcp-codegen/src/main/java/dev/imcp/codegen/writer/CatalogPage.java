package dev.imcp.codegen.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.EncodedSoapBinding;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SoapBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adapter's tool catalog, {@value #FILE}: one self-contained HTML page (inline CSS and script, no URL of any
 * kind) listing each service and tool with its title, description, arguments, output shape, annotations, upstream
 * binding (HTTP method and path, or SOAP operation and port) and the contract file and line. The schemas shown are
 * the published ones ({@link ToolJson}'s), so the page says exactly what MCP clients get.
 *
 * <p>Layout: the data is one JSON block ({@code <script type="application/json" id="imcp-catalog-data">}) that the
 * page's script renders, a tool's tables only when it is opened, so 1,000 tools cost 1,000 summary rows at load.
 * Each {@code $defs} entry (name and body) is stored once in a shared {@code defs} array, and a tool's schemas refer
 * to it by index ({@code inputDefs}, {@code outputDefs}: name to index): a large contract repeats the same
 * definitions in the {@code $defs} of many tools (Kubernetes: 1,062 tools, 42 MB of schemas), which the page holds
 * once. Likewise every larger object of a schema is stored once in a {@code parts} array and stands in its places
 * as {@code {"$imcp": index}} (see {@link #share}); the script expands these as it renders (Kubernetes: a 2.1 MB
 * page). Every {@code <}, {@code >} and {@code &} of the JSON is written as a JSON unicode escape (backslash, u, 4
 * hex digits), so contract text cannot end the block or open markup; the script puts contract text in the page with {@code textContent} only. A
 * {@code Content-Security-Policy} meta element allows exactly the page's own style and script (by SHA-256) and
 * nothing else ({@code default-src 'none'}).
 *
 * <p>Deterministic: services by id, tools sorted as in {@code tools.json} (name, then service), definitions in
 * order of first use, no timestamp.
 */
final class CatalogPage {

    /** The generated resource path; the Maven plugin copies it to {@code target/imcp/catalog.html}. */
    static final String FILE = "META-INF/imcp/catalog.html";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The member of a stand-in for a shared part: {@code {"$imcp": <index in parts>}}. */
    private static final String PART = "$imcp";
    /** The shortest object, as compact JSON, that is shared as a part rather than written in place. */
    private static final int MIN_PART = 80;
    /** Keywords whose values are instances, not schemas: never replaced by parts. */
    private static final java.util.Set<String> VALUES = java.util.Set.of("default", "const", "enum", "examples");
    private static final Pattern WSDL_OPERATION = Pattern.compile("operation\\[@name='([^']*)'\\]$");

    private final List<ObjectNode> services = new ArrayList<>();
    private final List<Entry> tools = new ArrayList<>();
    private final Map<String, Integer> defIndex = new HashMap<>();
    private final List<String> defs = new ArrayList<>();
    private final Map<String, Integer> partIndex = new HashMap<>();
    private final List<String> parts = new ArrayList<>();

    private record Entry(String name, String service, String json) {
    }

    /** Adds the service of {@code contract} with its tool count. */
    void service(ContractModel contract) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("id", contract.serviceId());
        s.put("kind", switch (contract.kind()) {
            case WSDL -> "WSDL";
            case OPENAPI -> "OpenAPI";
            case MCP_JSON -> "MCP JSON";
        });
        s.put("title", contract.title() == null ? contract.serviceId() : contract.title());
        if (contract.version() != null) {
            s.put("version", contract.version());
        }
        s.put("file", contract.location().file());
        if (contract.defaultUrl() != null) {
            s.put("upstream", contract.defaultUrl());
        }
        s.put("tools", contract.operations().size());
        services.add(s);
    }

    /**
     * Adds the tool of {@code op}, as {@code published} says it is listed.
     *
     * @param contract the operation's contract
     * @param op the operation
     * @param published its {@code tools.json} entry, whose schemas are shown
     */
    void tool(ContractModel contract, OperationModel op, ToolJson published) {
        ObjectNode t = MAPPER.createObjectNode();
        t.put("name", published.name());
        if (published.title() != null) {
            t.put("title", published.title());
        }
        if (published.description() != null) {
            t.put("description", published.description());
        }
        ObjectNode annotations = t.putObject("annotations");
        published.annotations().forEach(annotations::put);
        t.set("binding", binding(contract, op));
        t.put("source", op.location().line() > 0 ? op.location().file() + ":" + op.location().line()
                : op.location().file());
        shared(t, "input", published.inputSchema());
        if (published.outputSchema() != null) {
            shared(t, "output", published.outputSchema());
        }
        tools.add(new Entry(published.name(), published.service(), text(t)));
    }

    /** Puts {@code schema} under {@code key} without its {@code $defs}, which go to the shared table. */
    private void shared(ObjectNode tool, String key, String schemaText) {
        ObjectNode schema;
        try {
            schema = (ObjectNode) MAPPER.readTree(schemaText);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a published schema is JSON we wrote", e);
        }
        JsonNode definitions = schema.remove("$defs");
        tool.set(key, share(schema));
        if (definitions instanceof ObjectNode d && !d.isEmpty()) {
            ObjectNode refs = tool.putObject(key + "Defs");
            for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> def = it.next();
                String body = text(share(def.getValue()));
                refs.put(def.getKey(), defIndex.computeIfAbsent(body, b -> {
                    defs.add(b);
                    return defs.size() - 1;
                }));
            }
        }
    }

    /**
     * Returns {@code node} with each object of at least {@value #MIN_PART} characters (its own parts already
     * replaced, bottom-up) replaced by {@code {"$imcp": i}}, {@code i} its index in the shared {@code parts} table:
     * a large contract's schemas repeat the same subtrees in many tools (Kubernetes' {@code ObjectMeta} in hundreds),
     * which the page then holds once. Instances ({@value #PART} aside, {@code default}, {@code const}, {@code enum},
     * {@code examples}) stay in place.
     */
    private JsonNode share(JsonNode node) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, share(array.get(i)));
            }
            return array;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        List<String> names = new ArrayList<>(object.size());
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!VALUES.contains(name)) {
                object.set(name, share(object.get(name)));
            }
        }
        String text = text(object);
        if (text.length() < MIN_PART) {
            return object;
        }
        int index = partIndex.computeIfAbsent(text, t -> {
            parts.add(t);
            return parts.size() - 1;
        });
        return MAPPER.createObjectNode().put(PART, index);
    }

    private static ObjectNode binding(ContractModel contract, OperationModel op) {
        ObjectNode b = MAPPER.createObjectNode();
        switch (op.binding()) {
            case HttpBinding http -> {
                b.put("kind", "http").put("method", http.method()).put("path", http.pathTemplate());
                String base = contract.defaultUrl();
                if (base != null) {
                    b.put("baseUrl", base);
                }
                ArrayNode params = b.putArray("parameters");
                for (HttpBinding.HttpParameter p : http.parameters()) {
                    params.addObject().put("name", p.name()).put("in", p.in().name().toLowerCase(java.util.Locale.ROOT))
                            .put("property", p.property()).put("required", p.required());
                }
                if (http.bodyProperty() != null) {
                    b.put("body", "*".equals(http.bodyProperty()) ? "the other arguments" : http.bodyProperty());
                    if (http.bodyMediaType() != null) {
                        b.put("mediaType", http.bodyMediaType());
                    }
                }
            }
            case SoapBinding soap -> {
                Matcher m = WSDL_OPERATION.matcher(op.location().pointer());
                b.put("kind", "soap").put("operation", m.find() ? m.group(1) : soap.seiMethod())
                        .put("port", soap.portName());
                putIfPresent(b, "address", contract.soapPorts().get(soap.portName()));
                b.put("soapVersion", soap.soapVersion()).put("style", soap.style() + (soap.wrapped() ? " (wrapped)" : ""));
                if (!soap.soapAction().isEmpty()) {
                    b.put("soapAction", soap.soapAction());
                }
                soap.faults().forEach(b.withArray("faults")::add);
            }
            case EncodedSoapBinding encoded -> {
                JsonNode descriptor;
                try {
                    descriptor = MAPPER.readTree(encoded.descriptorJson());
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the descriptor is JSON the reader wrote", e);
                }
                Matcher m = WSDL_OPERATION.matcher(op.location().pointer());
                b.put("kind", "soap").put("operation", m.find() ? m.group(1) : descriptor.path("name").asText())
                        .put("port", encoded.portName());
                putIfPresent(b, "address", contract.soapPorts().get(encoded.portName()));
                b.put("soapVersion", "1.1").put("style", "rpc/encoded");
                String action = descriptor.path("soapAction").asText("");
                if (!action.isEmpty()) {
                    b.put("soapAction", action);
                }
            }
        }
        return b;
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }

    /**
     * Returns the page.
     *
     * @param adapterName the adapter's name (the Maven artifactId), or {@code null}
     * @param adapterVersion the adapter's version, or {@code null}
     * @return the HTML text, UTF-8, {@code \n} line ends
     */
    String html(String adapterName, String adapterVersion) {
        String heading = adapterName == null ? "iMCP adapter" : adapterName;
        String sub = (adapterVersion == null ? "" : "version " + adapterVersion + " \u00b7 ")
                + tools.size() + (tools.size() == 1 ? " tool" : " tools") + " from " + services.size()
                + (services.size() == 1 ? " contract" : " contracts") + " \u00b7 generated by iMCP";
        String css = resource("catalog.css");
        String script = resource("catalog.js");
        StringBuilder out = new StringBuilder(4096 + tools.size() * 512);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
                .append(sha256(css)).append("'; script-src '").append(sha256(script))
                .append("'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"iMCP\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>").append(escape(heading)).append(" \u2014 tool catalog</title>\n")
                .append("<style>").append(css).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>").append(escape(heading)).append(" \u2014 tool catalog</h1><p>")
                .append(escape(sub)).append("</p></header>\n")
                .append("<div class=\"bar\"><input id=\"search\" type=\"search\" placeholder=\"Search tools: name, "
                        + "title, description, path, operation\" aria-label=\"Search tools\" autocomplete=\"off\">"
                        + "<select id=\"service\" aria-label=\"Service\"><option value=\"\">All services</option>"
                        + "</select><span id=\"status\" role=\"status\"></span></div>\n")
                .append("<main><div id=\"services\"></div><div id=\"tools\"></div>")
                .append("<noscript><p>This catalog needs JavaScript to show its tools.</p></noscript></main>\n")
                .append("<script type=\"application/json\" id=\"imcp-catalog-data\">");
        out.append("{\"services\":[");
        List<ObjectNode> sortedServices = new ArrayList<>(services);
        sortedServices.sort(Comparator.comparing(s -> s.get("id").asText()));
        Map<String, Integer> serviceIndex = new HashMap<>();
        for (int i = 0; i < sortedServices.size(); i++) {
            serviceIndex.put(sortedServices.get(i).get("id").asText(), i);
            out.append(i == 0 ? "\n" : ",\n").append(safe(text(sortedServices.get(i))));
        }
        out.append("\n],\"tools\":[");
        List<Entry> sortedTools = new ArrayList<>(tools);
        sortedTools.sort(Comparator.comparing(Entry::name).thenComparing(Entry::service));
        for (int i = 0; i < sortedTools.size(); i++) {
            Entry e = sortedTools.get(i);
            // the service index goes first, spliced in front of the tool's own members
            String json = safe(e.json());
            out.append(i == 0 ? "\n" : ",\n").append("{\"service\":").append(serviceIndex.get(e.service()))
                    .append(',').append(json, 1, json.length());
        }
        out.append("\n],\"defs\":[");
        for (int i = 0; i < defs.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append(safe(defs.get(i)));
        }
        out.append("\n],\"parts\":[");
        for (int i = 0; i < parts.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append(safe(parts.get(i)));
        }
        out.append("\n]}</script>\n<script>").append(script).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * Makes JSON text safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} occur only inside
     * JSON strings, where their JSON unicode escapes mean the same, so {@code </script>} and {@code <!--} cannot
     * appear.
     */
    static String safe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** Escapes text for HTML element content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = CatalogPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("imcp-codegen is missing its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the CSP source expression {@code sha256-<base64>} of {@code text} as UTF-8. */
    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
