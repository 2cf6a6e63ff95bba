package dev.imcp.codegen.mcpjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.read.HttpToolHints;
import dev.imcp.codegen.model.HttpBinding.HttpParameter;
import dev.imcp.codegen.model.NameSource;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.read.ContractReader;
import dev.imcp.codegen.read.ContractSource;
import dev.imcp.codegen.read.JsonLocator;
import dev.imcp.codegen.read.RawDocuments;
import dev.imcp.codegen.select.OperationFacts;
import dev.imcp.codegen.select.OperationRules;
import dev.imcp.codegen.select.ToolOverride;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads iMCP's MCP JSON contracts with Jackson.
 *
 * <p>The format: <pre>{@code
 * {"name": "...", "version": "...", "description": "...",
 *  "tools": [{"name": "...", "description": "...",
 *             "inputSchema": {JSON Schema; properties may carry "default"},
 *             "endpoint": {"method": "GET", "baseUrl": "https://...", "path": "/items/{id}",
 *                          "queryParams": ["q", "limit"]}}]}
 * }</pre>
 * Unknown keys are accepted and ignored; a tool may also carry {@code title}, {@code outputSchema}
 * and {@code annotations} (MCP tool annotation hints, booleans, overriding the defaults below).
 *
 * <p>Semantics of {@code endpoint}:
 * <ul>
 *   <li>{@code method}: GET, POST, PUT, PATCH, DELETE or HEAD, in any case.</li>
 *   <li>{@code {x}} placeholders in {@code path} are filled from argument {@code x}, which the input
 *       schema must declare.</li>
 *   <li>{@code queryParams} lists the arguments sent as query parameters under their own name; an
 *       object maps query parameter names to argument names instead.</li>
 *   <li>For POST, PUT and PATCH every other argument goes into one JSON object body
 *       ({@link HttpBinding#bodyProperty()} {@code "*"}); for GET, DELETE and HEAD every other
 *       argument is sent as a query parameter too.</li>
 *   <li>{@code baseUrl}: the first one is the service's default URL, which a tool without one uses; tools may
 *       name different ones, each then an upstream with a name derived from its host and configurable as
 *       {@code imcp.services.<id>.upstreams.<name>.url} ({@link McpJsonUpstreams}).</li>
 *   <li>Defaults stay in the input schema; the runtime applies them before the call.</li>
 *   <li>Without {@code outputSchema} the result is any JSON value, published under {@code result}.</li>
 * </ul>
 * Annotations default to those of the method ({@link HttpToolHints#forMethod}), then the tool's {@code annotations},
 * then the configuration's.
 *
 * <p>A tool the configuration does not select is a note ({@code OPERATION_EXCLUDED}); its name is the
 * {@code operationId} that selectors and {@code <tool>} entries match. The tool name is {@code name} (or the
 * configuration's {@code <tool><name>}); the naming pass makes it valid, short enough and unique.
 *
 * <p>Diagnostics: {@code MCPJSON_PARSE_ERROR} (malformed JSON, at the parser's position),
 * {@code MCPJSON_MISSING_FIELD} (naming the field's pointer, e.g. {@code /tools/1/endpoint/path}),
 * {@code MCPJSON_INVALID_METHOD}, {@code MCPJSON_PATH_PARAM_UNDECLARED},
 * {@code MCPJSON_QUERY_PARAM_UNDECLARED}, and the warnings
 * {@code MCPJSON_UNSUPPORTED_SCHEMA} and {@code MCPJSON_NO_TOOLS} (nothing to publish).
 */
public final class McpJsonReader implements ContractReader {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

    /** Creates a reader; it holds no state between contracts. */
    public McpJsonReader() {
    }

    @Override
    public ContractModel read(ContractSource source, Diagnostics diagnostics) throws IOException {
        String file = source.displayName();
        JsonNode root;
        try {
            root = RawDocuments.parse(source.text());
        } catch (JsonProcessingException e) {
            diagnostics.add(RawDocuments.parseError("MCPJSON_PARSE_ERROR", file, e));
            return null;
        }
        JsonLocator locator = JsonLocator.of(file, source.text());
        if (!root.isObject()) {
            diagnostics.add(Diagnostic.error("MCPJSON_PARSE_ERROR", locator.locate(""), "the document is not a JSON object"));
            return null;
        }
        JsonNode tools = root.get("tools");
        if (tools == null || !tools.isArray()) {
            diagnostics.add(missing(locator, "/tools", "tools"));
            return null;
        }
        int first = diagnostics.size();
        McpJsonSchemas schemas = new McpJsonSchemas(locator, diagnostics);
        List<OperationModel> operations = new ArrayList<>();
        McpJsonUpstreams upstreams = new McpJsonUpstreams();
        for (int i = 0; i < tools.size(); i++) {
            String pointer = "/tools/" + i;
            JsonNode tool = tools.get(i);
            JsonNode endpoint = tool.get("endpoint");
            OperationModel op = tool(source, tool, pointer, locator, schemas, diagnostics);
            if (op != null) {
                operations.add(op);
                upstreams.tool(endpoint == null ? null : text(endpoint, "baseUrl"), op);
            }
        }
        if (operations.isEmpty() && diagnostics.since(first).stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            diagnostics.add(Diagnostic.warning("MCPJSON_NO_TOOLS", locator.locate("/tools"), tools.isEmpty()
                            ? "the contract declares no tool" : "none of its " + tools.size() + " tools is published")
                    .withFix(tools.isEmpty() ? "add tools, or remove the contract"
                            : "check <includeOperations> and <excludeOperations>, and the warnings above"));
        }
        String name = text(root, "name");
        return new ContractModel(source.serviceId(), ContractKind.MCP_JSON, name == null ? source.serviceId() : name,
                text(root, "version"), text(root, "description"), source.sha256(), upstreams.defaultUrl(), Map.of(),
                operations, locator.locate("")).withUpstreams(upstreams.model());
    }

    private static OperationModel tool(ContractSource source, JsonNode tool, String pointer, JsonLocator locator,
            McpJsonSchemas schemas, Diagnostics diagnostics) {
        int before = diagnostics.all().size();
        String name = text(tool, "name");
        if (name == null) {
            diagnostics.add(missing(locator, pointer + "/name", "name"));
        }
        JsonNode endpoint = tool.get("endpoint");
        String method = null;
        String path = null;
        if (endpoint == null || !endpoint.isObject()) {
            diagnostics.add(missing(locator, pointer + "/endpoint", "endpoint"));
        } else {
            method = text(endpoint, "method");
            path = text(endpoint, "path");
            if (method == null) {
                diagnostics.add(missing(locator, pointer + "/endpoint/method", "method"));
            } else if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
                diagnostics.add(Diagnostic.error("MCPJSON_INVALID_METHOD", locator.locate(pointer + "/endpoint/method"),
                                "method '" + method + "' is not an HTTP method iMCP calls")
                        .withFix("use one of DELETE, GET, HEAD, PATCH, POST, PUT"));
                method = null;
            }
            if (path == null) {
                diagnostics.add(missing(locator, pointer + "/endpoint/path", "path"));
            }
        }
        if (name == null || method == null || path == null) {
            return null;
        }
        method = method.toUpperCase(Locale.ROOT);
        OperationFacts facts = new OperationFacts(source.serviceId(), name, method, path, List.of());
        String excluded = source.rules().exclusion(facts);
        if (excluded != null) {
            diagnostics.add(OperationRules.excluded(facts, excluded, locator.locate(pointer)));
            return null;
        }
        ToolOverride override = source.rules().override(facts);
        NameSource nameSource = NameSource.TOOL_NAME;
        if (override != null && override.name() != null) {
            name = override.name();
            nameSource = NameSource.CONFIGURATION;
        }
        String javaName = Names.upperCamel(name);
        SchemaModel input = schemas.convert(tool.get("inputSchema"), pointer + "/inputSchema", javaName + "Input");
        if (input.kind() != Kind.OBJECT || input.typeName() == null) {
            SchemaModel.Builder object = SchemaModel.builder(Kind.OBJECT).typeName(javaName + "Input")
                    .title(input.title()).description(input.description()).location(input.location());
            input.properties().forEach(object::property);
            input.required().forEach(object::required);
            input = object.build();
        }
        Set<String> declared = input.properties().keySet();
        List<HttpParameter> parameters = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(path);
        while (m.find()) {
            String arg = m.group(1);
            if (!declared.contains(arg)) {
                diagnostics.add(Diagnostic.error("MCPJSON_PATH_PARAM_UNDECLARED", locator.locate(pointer + "/endpoint/path"),
                                "path placeholder '{" + arg + "}' is not a property of the tool's inputSchema")
                        .withFix("declare '" + arg + "' under " + pointer + "/inputSchema/properties"));
            } else if (used.add(arg)) {
                parameters.add(new HttpParameter(arg, arg, HttpBinding.In.PATH, true));
            }
        }
        for (Map.Entry<String, String> q : queryParams(endpoint.get("queryParams")).entrySet()) {
            if (!declared.contains(q.getValue())) {
                diagnostics.add(Diagnostic.error("MCPJSON_QUERY_PARAM_UNDECLARED",
                                locator.locate(pointer + "/endpoint/queryParams"),
                                "query parameter '" + q.getValue() + "' is not a property of the tool's inputSchema")
                        .withFix("declare '" + q.getValue() + "' under " + pointer + "/inputSchema/properties"));
            } else if (used.add(q.getValue())) {
                parameters.add(new HttpParameter(q.getKey(), q.getValue(), HttpBinding.In.QUERY,
                        input.required().contains(q.getValue())));
            }
        }
        boolean hasBody = BODY_METHODS.contains(method);
        if (!hasBody) {
            for (String arg : declared) {
                if (used.add(arg)) {
                    parameters.add(new HttpParameter(arg, arg, HttpBinding.In.QUERY, input.required().contains(arg)));
                }
            }
        }
        if (diagnostics.all().subList(before, diagnostics.all().size()).stream()
                .anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            return null;
        }
        JsonNode outputNode = tool.get("outputSchema");
        SchemaModel output = outputNode == null
                ? SchemaModel.builder(Kind.ANY).location(locator.locate(pointer)).build()
                : schemas.convert(outputNode, pointer + "/outputSchema", javaName + "Output");
        Map<String, Boolean> annotations = HttpToolHints.forMethod(method);
        JsonNode given = tool.get("annotations");
        if (given != null && given.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (e.getValue().isBoolean()) {
                    annotations.put(e.getKey(), e.getValue().asBoolean());
                }
            }
        }
        if (override != null) {
            annotations.putAll(override.annotations());
        }
        return new OperationModel(name, javaName, text(tool, "title"), text(tool, "description"), annotations, input,
                output, new HttpBinding(method, path, parameters, hasBody ? "*" : null, hasBody ? "application/json" : null),
                locator.locate(pointer), nameSource);
    }

    private static Map<String, String> queryParams(JsonNode node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        if (node.isArray()) {
            node.forEach(n -> result.put(n.asText(), n.asText()));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        }
        return result;
    }

    private static Diagnostic missing(JsonLocator locator, String pointer, String field) {
        return Diagnostic.error("MCPJSON_MISSING_FIELD", locator.locate(pointer), "required field '" + field + "' is missing")
                .withFix("add '" + field + "' at " + pointer);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
