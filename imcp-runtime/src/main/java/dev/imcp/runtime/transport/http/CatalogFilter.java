package dev.imcp.runtime.transport.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts the generated catalog page down to the tools one caller may list. The page (imcp-codegen's
 * {@code CatalogPage}) carries its data as one JSON block, {@code <script type="application/json"
 * id="imcp-catalog-data">{"services":[..],"tools":[..],"defs":[..],"parts":[..]}</script>}: each tool names its
 * service by index in {@code services}, its {@code $defs} by index in {@code defs} ({@code inputDefs},
 * {@code outputDefs}: name to index), and larger schema objects stand in as {@code {"$imcp": i}}, {@code i} an index
 * in {@code parts} (in tools, definitions and parts alike). The filtered page keeps the tools whose names are given,
 * the services that have one of them, and only the definitions and parts those reach, renumbered, so nothing of a
 * hidden tool (not even a schema fragment) stays in the page; the heading's "<n> tools from <m> contracts" is
 * recounted. The page's style and script are untouched, so its Content-Security-Policy hashes still hold. Pages are
 * cached per set of visible tools (callers with the same grants share one). A page without that block (not generated
 * by iMCP) is served as it is. Thread-safe.
 */
final class CatalogFilter {

    private static final String OPEN = "<script type=\"application/json\" id=\"imcp-catalog-data\">";
    private static final String CLOSE = "</script>";
    private static final String PART = "$imcp";
    /** Keywords whose values are instances, not schemas: the generator puts no parts there. */
    private static final Set<String> VALUES = Set.of("default", "const", "enum", "examples");
    private static final Pattern COUNTS = Pattern.compile("(\\d+) tools? from (\\d+) contracts?");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final byte[] page;
    private final String head;
    private final ObjectNode data;
    private final String tail;
    private final Cache<Set<String>, byte[]> filtered = Caffeine.newBuilder().maximumSize(64).build();

    /** @param page the generated page (UTF-8 HTML) */
    CatalogFilter(byte[] page) {
        this.page = page;
        String html = new String(page, StandardCharsets.UTF_8);
        int open = html.indexOf(OPEN);
        int close = open < 0 ? -1 : html.indexOf(CLOSE, open + OPEN.length());
        ObjectNode parsed = null;
        if (close > 0) {
            try {
                parsed = MAPPER.readTree(html.substring(open + OPEN.length(), close)) instanceof ObjectNode o
                        && o.path("tools").isArray() && o.path("services").isArray() ? o : null;
            } catch (JsonProcessingException e) {
                parsed = null;
            }
        }
        this.data = parsed;
        this.head = parsed == null ? null : html.substring(0, open + OPEN.length());
        this.tail = parsed == null ? null : html.substring(close);
    }

    /**
     * Returns the page showing only {@code visible} tools.
     *
     * @param visible the names of the tools the caller may list
     * @return the page's bytes (UTF-8 HTML); the page as generated when it has no data block
     */
    byte[] page(Set<String> visible) {
        if (data == null) {
            return page;
        }
        return filtered.get(Set.copyOf(new TreeSet<>(visible)), this::filter);
    }

    private byte[] filter(Set<String> visible) {
        ArrayNode services = (ArrayNode) data.get("services");
        ArrayNode defs = data.path("defs") instanceof ArrayNode d ? d : MAPPER.createArrayNode();
        ArrayNode parts = data.path("parts") instanceof ArrayNode p ? p : MAPPER.createArrayNode();
        List<ObjectNode> tools = new ArrayList<>();
        for (JsonNode tool : data.get("tools")) {
            if (tool instanceof ObjectNode t && visible.contains(t.path("name").asText())) {
                tools.add(t.deepCopy());
            }
        }
        // what the kept tools reach: services, definitions, and parts (through definitions and parts too)
        TreeSet<Integer> serviceSet = new TreeSet<>();
        TreeSet<Integer> defSet = new TreeSet<>();
        for (ObjectNode tool : tools) {
            int service = tool.path("service").asInt(-1);
            if (service >= 0 && service < services.size()) {
                serviceSet.add(service);
            }
            for (String key : List.of("inputDefs", "outputDefs")) {
                for (JsonNode ref : tool.path(key)) {
                    if (ref.asInt(-1) >= 0 && ref.asInt() < defs.size()) {
                        defSet.add(ref.asInt());
                    }
                }
            }
        }
        TreeSet<Integer> partSet = new TreeSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>(tools);
        defSet.forEach(i -> pending.add(defs.get(i)));
        while (!pending.isEmpty()) {
            refs(pending.pop(), parts.size(), i -> {
                if (partSet.add(i)) {
                    pending.add(parts.get(i));
                }
            });
        }
        // renumbered in their original order, so that a caller who may list every tool gets the page's own data
        Map<Integer, Integer> serviceIndex = renumbering(serviceSet);
        Map<Integer, Integer> defIndex = renumbering(defSet);
        Map<Integer, Integer> partIndex = renumbering(partSet);
        ArrayNode keptServices = MAPPER.createArrayNode();
        serviceSet.forEach(i -> keptServices.add(services.get(i)));
        List<JsonNode> keptDefs = new ArrayList<>();
        defSet.forEach(i -> keptDefs.add(rewrite(defs.get(i).deepCopy(), partIndex)));
        List<JsonNode> keptParts = new ArrayList<>();
        partSet.forEach(i -> keptParts.add(rewrite(parts.get(i).deepCopy(), partIndex)));
        for (ObjectNode tool : tools) {
            Integer service = serviceIndex.get(tool.path("service").asInt(-1));
            if (service != null) {
                tool.put("service", service);
            }
            for (String key : List.of("inputDefs", "outputDefs")) {
                if (tool.get(key) instanceof ObjectNode refs) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = refs.fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> ref = it.next();
                        Integer index = defIndex.get(ref.getValue().asInt(-1));
                        if (index != null) {
                            ref.setValue(IntNode.valueOf(index));
                        }
                    }
                }
            }
            rewrite(tool, partIndex);
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("services", keptServices);
        out.set("tools", MAPPER.createArrayNode().addAll(tools));
        out.set("defs", MAPPER.createArrayNode().addAll(keptDefs));
        out.set("parts", MAPPER.createArrayNode().addAll(keptParts));
        String json;
        try {
            json = MAPPER.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the catalog's data is JSON", e);
        }
        // as the generator writes it: <, > and & only inside strings, as JSON unicode escapes
        json = json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        Matcher counts = COUNTS.matcher(head);
        String top = counts.find() ? head.substring(0, counts.start()) + tools.size()
                + (tools.size() == 1 ? " tool" : " tools") + " from " + keptServices.size()
                + (keptServices.size() == 1 ? " contract" : " contracts") + head.substring(counts.end()) : head;
        return (top + json + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<Integer, Integer> renumbering(TreeSet<Integer> kept) {
        Map<Integer, Integer> index = new HashMap<>();
        kept.forEach(i -> index.put(i, index.size()));
        return index;
    }

    /** Returns whether {@code node} is a stand-in for a shared part, {@code {"$imcp": i}}. */
    private static boolean isPart(ObjectNode node) {
        return node.size() == 1 && node.get(PART) != null && node.get(PART).isInt();
    }

    /** Calls {@code found} with the index of each part {@code node} refers to (below {@code parts}), not going into parts. */
    private static void refs(JsonNode node, int parts, java.util.function.IntConsumer found) {
        if (node instanceof ArrayNode array) {
            array.forEach(item -> refs(item, parts, found));
        } else if (node instanceof ObjectNode object) {
            if (isPart(object)) {
                int i = object.get(PART).asInt();
                if (i >= 0 && i < parts) {
                    found.accept(i);
                }
                return;
            }
            object.fields().forEachRemaining(child -> {
                if (!VALUES.contains(child.getKey())) { // instances: the generator puts no parts there
                    refs(child.getValue(), parts, found);
                }
            });
        }
    }

    /** Rewrites each part reference in {@code node} (in place) to its new index; returns {@code node}. */
    private static JsonNode rewrite(JsonNode node, Map<Integer, Integer> partIndex) {
        if (node instanceof ArrayNode array) {
            array.forEach(item -> rewrite(item, partIndex));
        } else if (node instanceof ObjectNode object) {
            if (isPart(object)) {
                Integer index = partIndex.get(object.get(PART).asInt());
                if (index != null) {
                    object.put(PART, index);
                }
                return node;
            }
            object.fields().forEachRemaining(child -> {
                if (!VALUES.contains(child.getKey())) {
                    rewrite(child.getValue(), partIndex);
                }
            });
        }
        return node;
    }
}
