package dev.imcp.runtime.transport.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the OpenAPI 3.1 document of the {@link RestFacade} from a {@code tools/list} answer: one path
 * {@code /tools/<name>} per tool with a {@code POST} whose operationId is the tool's name, whose request body
 * schema is the tool's {@code inputSchema} and whose 200 response schema is its {@code outputSchema} (else the
 * MCP content array), plus the problem responses (400, 401, 403, 404, 502) and {@code GET /tools}.
 *
 * <p>OpenAPI 3.1 schema objects are JSON Schema 2020-12, so tool schemas are used as they are, except that each
 * schema's {@code $defs} move to {@code components/schemas} as {@code <tool>.<in|out>.<def>} (characters outside
 * {@code [A-Za-z0-9._-]} become {@code _}) and its {@code #/$defs/...} references follow them: inside an OpenAPI
 * document a {@code #} reference points at the document's root. Thread-safe.
 */
public final class FacadeOpenApi {

    private final ObjectMapper mapper;
    private final String title;
    private final String version;

    /**
     * @param mapper the JSON mapper
     * @param title the adapter's name ({@code info.title} is "{@code <title>} REST facade")
     * @param version the adapter's version ({@code info.version})
     */
    public FacadeOpenApi(ObjectMapper mapper, String title, String version) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.title = Objects.requireNonNull(title, "title");
        this.version = Objects.requireNonNull(version, "version");
    }

    /**
     * Returns the document.
     *
     * @param tools the {@code tools} array of a {@code tools/list} result (not modified)
     * @param bearer whether calls need an API key or access token (adds the {@code bearer} security scheme)
     * @return the OpenAPI 3.1 document
     */
    public ObjectNode document(ArrayNode tools, boolean bearer) {
        ObjectNode doc = mapper.createObjectNode().put("openapi", "3.1.0");
        doc.putObject("info").put("title", title + " REST facade").put("version", version)
                .put("description", "The adapter's MCP tools as plain HTTP: POST the arguments, get the result.");
        ObjectNode components = mapper.createObjectNode();
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("Problem", problemSchema());
        if (bearer) {
            components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                    .put("description", "An iMCP API key (imcp.auth.api-keys) or a JWT access token (imcp.auth.jwt)");
            doc.putArray("security").addObject().putArray("bearer");
        }
        ObjectNode paths = doc.putObject("paths");
        ObjectNode list = paths.putObject(RestFacade.TOOLS).putObject("get").put("operationId", "listTools")
                .put("summary", "The tools this caller may call");
        list.putObject("responses").set("200", response("The caller's tools", mapper.createObjectNode().put("type", "object")));
        problems((ObjectNode) list.get("responses"), "401");
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText();
            ObjectNode post = paths.putObject(RestFacade.TOOLS + "/" + name).putObject("post").put("operationId", name);
            if (tool.hasNonNull("title")) {
                post.put("summary", tool.get("title").asText());
            }
            if (tool.hasNonNull("description")) {
                post.put("description", tool.get("description").asText());
            }
            JsonNode input = hoist(tool.path("inputSchema"), name + ".in", schemas);
            post.putObject("requestBody").put("required", true).putObject("content")
                    .putObject("application/json").set("schema", input);
            JsonNode output = tool.hasNonNull("outputSchema")
                    ? hoist(tool.get("outputSchema"), name + ".out", schemas)
                    : mapper.createObjectNode().put("type", "array").put("description", "The MCP content blocks of the result")
                            .set("items", mapper.createObjectNode().put("type", "object"));
            ObjectNode responses = post.putObject("responses");
            responses.set("200", response("The tool's result", output));
            problems(responses, "400", "401", "403", "404", "429", "502", "503");
        }
        doc.set("components", components);
        return doc;
    }

    private void problems(ObjectNode responses, String... statuses) {
        for (String status : statuses) {
            ObjectNode r = responses.putObject(status).put("description", switch (status) {
                case "400" -> "The body is not a JSON object or the arguments do not match the input schema";
                case "401" -> "No or an invalid API key or access token";
                case "403" -> "The tool is not available to this caller";
                case "404" -> "No such tool";
                case "429" -> "A rate limit refused the call (Retry-After: seconds to wait)";
                case "503" -> "The upstream is held back (circuit breaker open, Retry-After: seconds) or has too many"
                        + " calls in flight";
                default -> "The upstream call failed or timed out";
            });
            r.putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", "#/components/schemas/Problem");
        }
    }

    private ObjectNode response(String description, JsonNode schema) {
        ObjectNode r = mapper.createObjectNode().put("description", description);
        r.putObject("content").putObject("application/json").set("schema", schema);
        return r;
    }

    private ObjectNode problemSchema() {
        ObjectNode schema = mapper.createObjectNode().put("type", "object").put("description", "RFC 9457 problem details");
        ObjectNode props = schema.putObject("properties");
        props.putObject("type").put("type", "string");
        props.putObject("title").put("type", "string");
        props.putObject("status").put("type", "integer");
        props.putObject("detail").put("type", "string");
        return schema;
    }

    /** Returns a copy of {@code schema} with its {@code $defs} moved into {@code schemas} under {@code prefix}. */
    private JsonNode hoist(JsonNode schema, String prefix, ObjectNode schemas) {
        JsonNode copy = schema.deepCopy();
        if (!(copy instanceof ObjectNode root) || !(root.get("$defs") instanceof ObjectNode defs)) {
            return copy;
        }
        root.remove("$defs");
        root.remove("$schema"); // the document's dialect (OpenAPI 3.1's) applies
        Map<String, String> targets = new HashMap<>();
        for (Iterator<String> it = defs.fieldNames(); it.hasNext(); ) {
            String def = it.next();
            targets.put(def.replace("~", "~0").replace("/", "~1"), "#/components/schemas/" + componentName(prefix + "." + def));
        }
        rewrite(root, targets);
        defs.fields().forEachRemaining(e -> {
            rewrite(e.getValue(), targets);
            schemas.set(componentName(prefix + "." + e.getKey()), e.getValue());
        });
        return root;
    }

    /** Points each {@code #/$defs/<def>[/...]} reference below {@code node} at the def's component. */
    private static void rewrite(JsonNode node, Map<String, String> targets) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.textValue().startsWith("#/$defs/")) {
                String rest = ref.textValue().substring("#/$defs/".length());
                int slash = rest.indexOf('/');
                String def = slash < 0 ? rest : rest.substring(0, slash);
                String target = targets.get(def);
                if (target != null) {
                    object.set("$ref", TextNode.valueOf(target + (slash < 0 ? "" : rest.substring(slash))));
                }
            }
            object.elements().forEachRemaining(child -> rewrite(child, targets));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewrite(child, targets));
        }
    }

    private static String componentName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
