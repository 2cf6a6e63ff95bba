package dev.imcp.codegen.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.read.ContractReader;
import dev.imcp.codegen.read.ContractSource;
import dev.imcp.codegen.read.JsonLocator;
import dev.imcp.codegen.read.RawDocuments;
import dev.imcp.codegen.select.OperationFacts;
import dev.imcp.codegen.select.OperationRules;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads OpenAPI 3.0 and 3.1 (best effort) and Swagger 2.0 contracts, in YAML or JSON, with
 * swagger-parser ({@code resolve=true}; Swagger 2.0 through its converter).
 *
 * <p>Each path and method ("Operation Object") that the configuration selects and the contract does not mark
 * {@code x-mcp: false} (on the operation or its path item) becomes one {@link OperationModel}; the others are
 * notes ({@code OPERATION_EXCLUDED}) that the build log counts. The requested tool name, the title, the description
 * and the annotation hints come from {@link OpenApiToolInfo} ({@code x-mcp-name}, {@code operationId}, summary and
 * description, {@code x-mcp-annotations}); the naming pass makes the name valid and unique. The input is an object whose properties are the path,
 * query, header and cookie parameters (by name, {@code required} kept) plus {@code body} for a JSON
 * request body; the output is the schema of the first 2xx response's JSON content, if any. The default
 * URL is {@code servers[0].url} with server variables replaced by their defaults (for Swagger 2.0,
 * scheme, host and basePath); a relative one is no default, only the note {@code OPENAPI_RELATIVE_SERVER_URL} (the runtime's
 * {@code imcp.services.<id>.url} is required then). Security schemes and requirements are read by
 * {@code OpenApiSecurity}.
 *
 * <p>Diagnostics: {@code OPENAPI_PARSE_ERROR} (malformed YAML or JSON, at the parser's position),
 * {@code OPENAPI_UNRESOLVED_REF} (a local {@code $ref} to nothing, at the reference: a warning, with a skipped
 * warning at each operation that reaches it, while some operation reaches none; else an error),
 * {@code OPENAPI_REMOTE_REF} (a {@code $ref} to an http(s) URL, at the reference: nothing is fetched at build time),
 * {@code OPENAPI_INVALID} (swagger-parser's own messages; errors when it produced no model, warnings otherwise),
 * and the warnings {@code OPENAPI_NO_OPERATIONS} (nothing to publish: no operation under {@code paths}, or every
 * one excluded or skipped), {@code OPENAPI_DUPLICATE_OPERATION_ID} (at the second use of an operationId),
 * {@code OPENAPI_EXTENSION_INVALID}, {@code OPENAPI_PATH_PARAMETER_UNUSED} (a path
 * parameter with no placeholder, left out), {@code OPENAPI_PATH_PARAMETER_UNDECLARED} (a placeholder with no
 * parameter: the operation is skipped), {@code OPENAPI_UNSUPPORTED_SCHEMA}, {@code OPENAPI_RECURSIVE_SCHEMA}, {@code OPENAPI_SECURITY_UNSUPPORTED},
 * {@code OPENAPI_SECURITY_UNDECLARED}; the
 * note {@code OPENAPI_PATH_PARAMETER_RECOVERED} (a path parameter the Swagger 2.0 conversion dropped, taken back).
 */
public final class OpenApiReader implements ContractReader {

    /** Creates a reader; it holds no state between contracts. */
    public OpenApiReader() {
    }

    @Override
    public ContractModel read(ContractSource source, Diagnostics diagnostics) throws IOException {
        String file = source.displayName();
        JsonNode raw;
        try {
            raw = RawDocuments.parse(source.text());
        } catch (JsonProcessingException e) {
            diagnostics.add(RawDocuments.parseError("OPENAPI_PARSE_ERROR", file, e));
            return null;
        }
        JsonLocator locator = JsonLocator.of(file, source.text());
        List<Diagnostic> unresolved = OpenApiRefs.unresolved(raw, locator);
        // An operation that reaches a reference to nothing is skipped, so that one broken reference does not sink a
        // vendor's document; when that would leave no operation, the contract fails with each reference's error.
        Map<String, OpenApiRefs.Dangling> dangling = unresolved.isEmpty() ? Map.of()
                : OpenApiRefs.danglingByOperation(raw);
        boolean skipDangling = !unresolved.isEmpty() && dangling.size() < OpenApiRefs.operations(raw);
        for (Diagnostic d : unresolved) {
            diagnostics.add(skipDangling
                    ? Diagnostic.warning(d.code(), d.location(), d.message() + "; the operations that use it are "
                            + "skipped").withFix(d.fix())
                    : d);
        }
        List<Diagnostic> remote = OpenApiRefs.remote(raw, locator);
        if (!remote.isEmpty()) {
            // swagger-parser would download them: stop here, with every remote reference reported
            remote.forEach(diagnostics::add);
            return null;
        }

        ParseOptions options = new ParseOptions();
        // swagger-parser's 3.1 resolver dereferences in place and copies a $ref's siblings (description) into the
        // shared component, so one use's text would appear on every use: a 3.1 document that refers only to itself
        // is read unresolved, its local references followed by OpenApiSchemas and OpenApiOperations (which do not
        // follow path item references: a document with those is resolved).
        String version = raw.path("openapi").asText();
        boolean openApi32 = version.startsWith("3.2");
        boolean openApi31 = version.startsWith("3.1") || openApi32;
        options.setResolve(!openApi31 || OpenApiRefs.external(raw)
                || OpenApiRefs.pathItemReferences(raw));
        SwaggerParseResult result;
        java.util.Set<String> skipped32 = openApi32 ? OpenApi32.skippedOperations(raw) : java.util.Set.of();
        if (openApi32) {
            // swagger-parser 2.1 knows OpenAPI up to 3.1 (swagger-parser issue 2248). 3.2 keeps 3.1's model and adds
            // to it: the document is read as 3.1, with what 3.2 adds for operations skipped, each with a warning.
            OpenApi32.unsupported(raw, skipped32, locator).forEach(diagnostics::add);
            result = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(OpenApi32.as31(source.text(), raw), null,
                    options, source.path().toUri().toString());
        } else {
            result = new OpenAPIParser().readLocation(source.path().toUri().toString(), null, options);
        }
        OpenAPI api = result.getOpenAPI();
        if (result.getMessages() != null) {
            for (String message : result.getMessages()) {
                if (!unresolved.isEmpty() && (message.contains("$ref") || message.contains("#/"))
                        || message.endsWith(".operationId is repeated")) {
                    // reported with their locations: OPENAPI_UNRESOLVED_REF, OPENAPI_DUPLICATE_OPERATION_ID
                    continue;
                }
                if (openApi31 && message.endsWith(".responses is missing")) {
                    // swagger-parser 2.1 checks 3.0's rule: OpenAPI 3.1.0 made an operation's responses optional
                    // (section 4.8.10, Operation Object: no longer REQUIRED)
                    continue;
                }
                SourceLocation at = locator.locate(messagePointer(message));
                diagnostics.add(api == null
                        ? Diagnostic.error("OPENAPI_INVALID", at, message)
                        : Diagnostic.warning("OPENAPI_INVALID", at, message));
            }
        }
        if (api == null) {
            if (result.getMessages() == null || result.getMessages().isEmpty()) {
                diagnostics.add(Diagnostic.error("OPENAPI_INVALID", locator.locate(""),
                        "swagger-parser could not read the contract"));
            }
            return null;
        }
        boolean swagger2 = raw.has("swagger");
        OpenApiSchemas schemas = new OpenApiSchemas(api, locator, diagnostics, swagger2);
        OpenApiOperations operations = new OpenApiOperations(api, schemas, locator, diagnostics);
        OpenApiSecurity security = new OpenApiSecurity(api, locator, diagnostics, swagger2);
        List<OperationModel> models = new ArrayList<>();
        int found = 0;
        Map<String, String> operationIds = new java.util.HashMap<>();
        if (api.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                    found++;
                    duplicateOperationId(operationIds, path.getKey(), op.getKey(), op.getValue(), locator, diagnostics);
                    String opPointer = JsonLocator.pointer("/paths", path.getKey(),
                            op.getKey().name().toLowerCase(Locale.ROOT));
                    if (skipped32.contains(opPointer)) {
                        continue; // OpenApi32 said why
                    }
                    if (openApi32 && OpenApi32.lostParameters(raw.path("paths").path(path.getKey()),
                            op.getKey().name().toLowerCase(Locale.ROOT), path.getValue(), op.getValue())) {
                        diagnostics.add(Diagnostic.skipped("OPENAPI_UNSUPPORTED_OPERATION", locator.locate(opPointer),
                                        "operation " + op.getKey() + " " + path.getKey() + " is skipped: swagger-parser "
                                                + "could not read all of its parameters (an OpenAPI 3.2 'in: "
                                                + "querystring' one?), and a call without one could be wrong", 1)
                                .withFix("see the OPENAPI_INVALID warnings for the parameter"));
                        continue;
                    }
                    OpenApiRefs.Dangling broken = skipDangling ? dangling.get(opPointer) : null;
                    if (broken != null) {
                        SourceLocation ref = locator.locate(JsonLocator.pointer(broken.pointer(), "$ref"));
                        diagnostics.add(Diagnostic.skipped("OPENAPI_UNRESOLVED_REF", locator.locate(opPointer),
                                        "operation " + op.getKey() + " " + path.getKey() + " is skipped: it uses '"
                                                + broken.ref() + "' (" + ref.file() + ":" + ref.line() + "), which does "
                                                + "not exist", 1)
                                .withFix("define it or correct the reference"));
                        continue;
                    }
                    OperationModel model = operation(source, operations, path.getKey(), path.getValue(), op.getKey(),
                            op.getValue(), locator, diagnostics);
                    if (model != null) {
                        models.add(model);
                        if (model.binding() instanceof HttpBinding binding) {
                            security.operation(binding.method(), binding.pathTemplate(), op.getValue(),
                                    JsonLocator.pointer("/paths", path.getKey(), op.getKey().name().toLowerCase(Locale.ROOT)));
                        }
                    }
                }
            }
        }
        if (models.isEmpty()) {
            // Nothing to publish is not an error of the contract (a 3.1 document may hold only webhooks); the build
            // fails only when the adapter as a whole publishes no tool.
            boolean webhooks = api.getWebhooks() != null && !api.getWebhooks().isEmpty();
            diagnostics.add(Diagnostic.warning("OPENAPI_NO_OPERATIONS", locator.locate(api.getPaths() == null ? "" : "/paths"),
                            found == 0 ? "the contract declares no operation under 'paths'"
                                    + (webhooks ? " (webhooks are requests the API sends, not operations to call)" : "")
                                    + ", so it publishes no tool"
                                    : "none of its " + found + " operations is published as a tool (see above)")
                    .withFix(found == 0 ? "add operations under 'paths', or remove the contract"
                            : "check <includeOperations>, <excludeOperations> and x-mcp, and the warnings above"));
        }
        String title = api.getInfo() != null && api.getInfo().getTitle() != null ? api.getInfo().getTitle() : source.serviceId();
        return new ContractModel(source.serviceId(), ContractKind.OPENAPI, title,
                api.getInfo() == null ? null : api.getInfo().getVersion(),
                api.getInfo() == null ? null : api.getInfo().getDescription(),
                source.sha256(), defaultUrl(source.serviceId(), api.getServers(), swagger2, locator, diagnostics),
                Map.of(), models, locator.locate(""))
                .withSecurity(security.model());
    }

    /**
     * Reports an {@code operationId} that an earlier operation of the document already has (OpenAPI 3.1, section
     * 4.8.10: "The id MUST be unique among all operations described in the API"): a warning at this one's
     * {@code operationId}, naming the first; the naming pass then publishes it under a suffixed name.
     */
    private static void duplicateOperationId(Map<String, String> seen, String path, PathItem.HttpMethod method,
            Operation op, JsonLocator locator, Diagnostics diagnostics) {
        if (op.getOperationId() == null || op.getOperationId().isBlank()) {
            return;
        }
        String pointer = JsonLocator.pointer("/paths", path, method.name().toLowerCase(Locale.ROOT), "operationId");
        String first = seen.putIfAbsent(op.getOperationId(), pointer);
        if (first != null) {
            diagnostics.add(Diagnostic.warning("OPENAPI_DUPLICATE_OPERATION_ID", locator.locate(pointer),
                            "operationId '" + op.getOperationId() + "' is also the id of the operation at "
                                    + locator.locate(first) + " " + first + "; operation ids must be unique")
                    .withFix("give one of the operations another operationId, or an x-mcp-name"));
        }
    }

    /**
     * Returns the model of one operation, or {@code null} when it is excluded (a note says why) or cannot be
     * published (a warning says why).
     */
    private static OperationModel operation(ContractSource source, OpenApiOperations operations, String path,
            PathItem item, PathItem.HttpMethod httpMethod, Operation op, JsonLocator locator, Diagnostics diagnostics) {
        String method = httpMethod.name().toUpperCase(Locale.ROOT);
        String pointer = JsonLocator.pointer("/paths", path, httpMethod.name().toLowerCase(Locale.ROOT));
        String operationId = op.getOperationId() == null || op.getOperationId().isBlank() ? null : op.getOperationId();
        OperationFacts facts = new OperationFacts(source.serviceId(), operationId, method, path, op.getTags());
        String byConfiguration = source.rules().exclusion(facts);
        String byContract = OpenApiToolInfo.excludedByContract(item, op, pointer, locator, diagnostics);
        if (byContract != null || byConfiguration != null) {
            diagnostics.add(OperationRules.excluded(facts, byContract != null ? byContract : byConfiguration,
                    locator.locate(pointer)));
            return null;
        }
        OpenApiToolInfo tool = OpenApiToolInfo.of(path, item, method, op, source.rules().override(facts), pointer,
                locator, diagnostics);
        return operations.convert(path, item, httpMethod, op, tool);
    }

    /**
     * Returns {@code servers[0].url} with its variables replaced by their defaults (OpenAPI 3 "Server Object" and
     * "Server Variable Object"; for Swagger 2.0, swagger-parser's conversion of the first of {@code schemes},
     * {@code host} and {@code basePath}), or {@code null} when the contract names no server. A relative URL (a
     * server given as {@code /api/v3}, or Swagger 2.0 without {@code host}) is resolved against the document's own
     * location by the spec, which an adapter built from a file does not have: it is no default, and a note
     * {@code OPENAPI_RELATIVE_SERVER_URL} says to configure {@code imcp.services.<id>.url} with the absolute URL.
     */
    static String defaultUrl(String serviceId, List<Server> servers, boolean swagger2, JsonLocator locator,
            Diagnostics diagnostics) {
        String url = defaultUrl(servers);
        if (url != null && !java.net.URI.create(url.replace(" ", "%20").replace("{", "%7B").replace("}", "%7D"))
                .isAbsolute()) {
            diagnostics.add(new Diagnostic(Diagnostic.Severity.INFO, "OPENAPI_RELATIVE_SERVER_URL",
                    "the server URL '" + url + "' is relative, so the adapter has no default base URL",
                    locator.locate(swagger2 ? "" : "/servers/0/url"),
                    "set imcp.services." + serviceId + ".url to the absolute base URL, e.g. https://<host>" + url));
            return null;
        }
        return url;
    }

    /** Returns {@code servers[0].url} with its variables replaced by their defaults, or {@code null}. */
    static String defaultUrl(List<Server> servers) {
        if (servers == null || servers.isEmpty() || servers.get(0).getUrl() == null) {
            return null;
        }
        Server server = servers.get(0);
        String url = server.getUrl();
        if (server.getVariables() != null) {
            for (var v : server.getVariables().entrySet()) {
                if (v.getValue().getDefault() != null) {
                    url = url.replace("{" + v.getKey() + "}", v.getValue().getDefault());
                }
            }
        }
        // swagger-parser supplies "/" when the contract names no server.
        return url.equals("/") ? null : url;
    }

    /**
     * Returns the JSON pointer of the attribute a swagger-parser message names ({@code attribute
     * paths.'/pets'(post).responses is missing} is {@code /paths/~1pets/post/responses}, {@code attribute
     * components.schemas.Pet.type is not of type `string`} is {@code /components/schemas/Pet/type}), so that the
     * warning is located at it or at its nearest ancestor in the document; {@code ""} (the document) when the message
     * names none. A parameter named in brackets ({@code parameters.[id]}) ends the pointer at its list.
     */
    static String messagePointer(String message) {
        if (!message.startsWith("attribute ")) {
            return "";
        }
        String rest = message.substring("attribute ".length());
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < rest.length(); ) {
            char c = rest.charAt(i);
            int end = c == '\'' ? rest.indexOf('\'', i + 1) : c == '(' ? rest.indexOf(')', i + 1) : i;
            if (end < 0 || c == '[' || c == ' ') {
                break;
            }
            if (c == '\'') {
                current.append(rest, i + 1, end);
            } else if (c == '(') { // an operation: (get) follows its path
                segments.add(current.toString());
                current.setLength(0);
                current.append(rest, i + 1, end);
            } else if (c == '.') {
                if (!current.isEmpty()) {
                    segments.add(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
            i = end + 1;
        }
        if (!current.isEmpty()) {
            segments.add(current.toString());
        }
        return JsonLocator.pointer("", segments.toArray());
    }
}
