package dev.imcp.codegen.openapi;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.HttpBinding.HttpParameter;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.read.JsonLocator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Converts one OpenAPI "Operation Object" to an {@link OperationModel}. */
final class OpenApiOperations {

    private static final String BODY = "body";
    /** The runtime type a non-JSON success response is read as. */
    private static final String HTTP_BODY = "dev.imcp.runtime.spi.HttpBody";
    private static final Set<String> IN = Set.of("path", "query", "header", "cookie");
    /** OpenAPI 3.0.3 section 4.7.12.1: header parameters with these names "SHALL be ignored". */
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");

    private final OpenAPI api;
    private final OpenApiSchemas schemas;
    private final JsonLocator locator;
    private final Diagnostics diagnostics;

    OpenApiOperations(OpenAPI api, OpenApiSchemas schemas, JsonLocator locator, Diagnostics diagnostics) {
        this.api = api;
        this.schemas = schemas;
        this.locator = locator;
        this.diagnostics = diagnostics;
    }

    /**
     * Returns the operation's model, or {@code null} when it cannot be published (a warning says why).
     *
     * @param tool the requested name, texts and hints ({@link OpenApiToolInfo})
     */
    OperationModel convert(String path, PathItem item, PathItem.HttpMethod httpMethod, Operation op, OpenApiToolInfo tool) {
        String method = httpMethod.name().toUpperCase(Locale.ROOT);
        String pointer = JsonLocator.pointer("/paths", path, httpMethod.name().toLowerCase(Locale.ROOT));
        String toolName = tool.name();
        String javaName = Names.upperCamel(toolName);

        SchemaModel.Builder input = SchemaModel.builder(Kind.OBJECT).typeName(javaName + "Input")
                .location(locator.locate(pointer));
        List<HttpParameter> parameters = new ArrayList<>();
        Set<String> declaredPath = new TreeSet<>();
        for (Map.Entry<String, Parameter> e : parameters(item, op, pointer).entrySet()) {
            Parameter p = e.getValue();
            String in = p.getIn() == null ? "query" : p.getIn().toLowerCase(Locale.ROOT);
            if (!IN.contains(in)) {
                continue;
            }
            if (in.equals("header") && IGNORED_HEADERS.contains(p.getName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (in.equals("path") && !templateVariables(path).contains(p.getName())) {
                diagnostics.add(Diagnostic.warning("OPENAPI_PATH_PARAMETER_UNUSED", locator.locate(e.getKey()),
                        "path parameter '" + p.getName() + "' has no {" + p.getName() + "} in '" + path
                                + "'; it is left out of tool '" + toolName + "'"));
                continue;
            }
            // Same-name rule: the first parameter (path item's, then the operation's, in declaration order)
            // keeps its name; a later one with the same name in another location becomes name_in.
            String property = p.getName();
            if (input.build().properties().containsKey(property)) {
                property = p.getName() + "_" + in;
            }
            SchemaModel schema = schemas.convert(p.getSchema(), e.getKey() + "/schema", javaName + Names.upperCamel(property));
            if (schema.description() == null && p.getDescription() != null) {
                schema = schema.toBuilder().description(p.getDescription()).build();
            }
            if (p.getExample() != null && !schema.constraints().containsKey("examples")) {
                // a Parameter Object's example (OpenAPI 3.0.3, section 4.7.12.1) describes its value
                schema = schema.toBuilder().constraint("examples", List.of(OpenApiSchemas.plain(p.getExample()))).build();
            }
            if (in.equals("path")) {
                declaredPath.add(p.getName());
                if (schema.kind() == Kind.STRING && !schema.constraints().containsKey("minLength")) {
                    // an empty value would address the collection (/pets/ instead of /pets/{id})
                    schema = schema.toBuilder().constraint("minLength", 1L).build();
                }
            }
            input.property(property, schema);
            boolean required = Boolean.TRUE.equals(p.getRequired()) || "path".equals(in);
            if (required) {
                input.required(property);
            }
            String style = p.getStyle() == null ? defaultStyle(in) : p.getStyle().toString();
            boolean explode = p.getExplode() == null ? style.equals("form") : p.getExplode();
            parameters.add(new HttpParameter(p.getName(), property, HttpBinding.In.valueOf(in.toUpperCase(Locale.ROOT)),
                    required, style, explode, Boolean.TRUE.equals(p.getAllowReserved())));
        }
        Set<String> undeclared = new TreeSet<>(templateVariables(path));
        undeclared.removeAll(declaredPath);
        for (String variable : List.copyOf(undeclared)) {
            // swagger-parser's Swagger 2.0 converter keeps one parameter per name, so a path parameter that shares
            // its name with a query one ({path} and ?path in Kubernetes) is lost; the template still needs it
            if (parameters.stream().anyMatch(p -> p.name().equals(variable))) {
                String property = input.build().properties().containsKey(variable) ? variable + "_path" : variable;
                input.property(property, SchemaModel.builder(Kind.STRING).constraint("minLength", 1L)
                        .description("The {" + variable + "} segment of the path").build());
                input.required(property);
                parameters.add(new HttpParameter(variable, property, HttpBinding.In.PATH, true, "simple", false, false));
                diagnostics.add(Diagnostic.info("OPENAPI_PATH_PARAMETER_RECOVERED", locator.locate(pointer),
                        "path parameter '" + variable + "' shares its name with a parameter elsewhere and was dropped "
                                + "by the Swagger 2.0 conversion; tool '" + toolName + "' takes it as a string '"
                                + property + "'"));
                undeclared.remove(variable);
            }
        }
        if (!undeclared.isEmpty()) {
            diagnostics.add(Diagnostic.skipped("OPENAPI_PATH_PARAMETER_UNDECLARED", locator.locate(pointer),
                    "path template '" + path + "' has " + undeclared.stream().map(v -> "{" + v + "}").toList()
                            + " without a path parameter; declare it (in: path, required: true); operation '"
                            + toolName + "' is skipped", 1));
            return null;
        }

        String bodyProperty = null;
        String bodyMediaType = null;
        Map<String, HttpBinding.BodyField> bodyFields = Map.of();
        RequestBody body = requestBody(op.getRequestBody());
        if (body != null && body.getContent() != null && !body.getContent().isEmpty()) {
            String bodyPointer = pointer + "/requestBody";
            Map.Entry<String, MediaType> chosen = OpenApiBodies.choose(body.getContent());
            boolean required = Boolean.TRUE.equals(body.getRequired());
            bodyProperty = input.build().properties().containsKey(BODY) ? "requestBody" : BODY;
            bodyMediaType = chosen.getKey();
            String schemaPointer = JsonLocator.pointer(bodyPointer + "/content", chosen.getKey()) + "/schema";
            SchemaModel schema;
            if (OpenApiBodies.isStructured(bodyMediaType)) {
                schema = schemas.convert(chosen.getValue().getSchema(), schemaPointer, javaName + "Body");
                if (OpenApiBodies.isForm(bodyMediaType)) {
                    bodyFields = OpenApiBodies.fields(api, chosen.getValue());
                    schema = OpenApiBodies.fileObjects(schema, bodyFields, javaName);
                }
            } else {
                schema = OpenApiBodies.binary(bodyMediaType);
            }
            if (schema.description() == null && body.getDescription() != null) {
                schema = schema.toBuilder().description(body.getDescription()).build();
            }
            input.property(bodyProperty, schema);
            if (required) {
                input.required(bodyProperty);
            }
        }

        SchemaModel output = output(op, pointer, javaName);
        return new OperationModel(toolName, javaName, tool.title(), tool.description(), tool.annotations(),
                schemas.withDefinitions(input.build()), schemas.withDefinitions(output),
                new HttpBinding(method, path, parameters, bodyProperty, bodyMediaType, bodyFields), locator.locate(pointer),
                tool.nameSource());
    }

    private Map<String, Parameter> parameters(PathItem item, Operation op, String opPointer) {
        // Operation-level parameters override path-level ones with the same name and location.
        Map<String, Map.Entry<String, Parameter>> byKey = new LinkedHashMap<>();
        String pathPointer = opPointer.substring(0, opPointer.lastIndexOf('/'));
        add(byKey, item.getParameters(), pathPointer + "/parameters");
        add(byKey, op.getParameters(), opPointer + "/parameters");
        Map<String, Parameter> result = new LinkedHashMap<>();
        byKey.values().forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private void add(Map<String, Map.Entry<String, Parameter>> byKey, List<Parameter> list, String pointer) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Parameter p = list.get(i);
            if (p.get$ref() != null && api.getComponents() != null && api.getComponents().getParameters() != null) {
                Parameter target = api.getComponents().getParameters().get(simpleName(p.get$ref()));
                p = target == null ? p : target;
            }
            if (p.getName() == null) {
                continue;
            }
            byKey.put(p.getIn() + ":" + p.getName(), Map.entry(pointer + "/" + i, p));
        }
    }

    private RequestBody requestBody(RequestBody body) {
        if (body != null && body.get$ref() != null && api.getComponents() != null
                && api.getComponents().getRequestBodies() != null) {
            RequestBody target = api.getComponents().getRequestBodies().get(simpleName(body.get$ref()));
            return target == null ? body : target;
        }
        return body;
    }

    private SchemaModel output(Operation op, String pointer, String javaName) {
        if (op.getResponses() == null) {
            return null;
        }
        for (String code : new TreeMap<>(op.getResponses()).keySet()) {
            if (!code.startsWith("2")) {
                continue;
            }
            ApiResponse response = op.getResponses().get(code);
            if (response.get$ref() != null && api.getComponents() != null && api.getComponents().getResponses() != null) {
                ApiResponse target = api.getComponents().getResponses().get(simpleName(response.get$ref()));
                response = target == null ? response : target;
            }
            Map.Entry<String, MediaType> json = response.getContent() == null ? null : json(response.getContent());
            if (json == null) {
                // text, images, files: read as bytes and published as text, image or resource content
                return response.getContent() == null || response.getContent().isEmpty() ? null
                        : SchemaModel.builder(Kind.ANY).javaType(HTTP_BODY).build();
            }
            String at = JsonLocator.pointer(pointer + "/responses", code) + JsonLocator.pointer("/content", json.getKey()) + "/schema";
            SchemaModel schema = schemas.convert(json.getValue().getSchema(), at, javaName + "Result");
            if (schema.description() == null && response.getDescription() != null && schema.typeName() == null
                    && schema.kind() != Kind.REF) {
                schema = schema.toBuilder().description(response.getDescription()).build();
            }
            return schema;
        }
        return null;
    }

    private static Map.Entry<String, MediaType> json(Content content) {
        for (Map.Entry<String, MediaType> e : content.entrySet()) {
            String type = e.getKey().toLowerCase(Locale.ROOT);
            int semicolon = type.indexOf(';');
            String bare = semicolon < 0 ? type : type.substring(0, semicolon).strip();
            if (bare.equals("application/json") || bare.endsWith("+json")) {
                return e;
            }
        }
        return null;
    }

    /** OpenAPI 3.0.3 section 4.7.12.1, {@code style}: the default per location. */
    private static String defaultStyle(String in) {
        return in.equals("query") || in.equals("cookie") ? "form" : "simple";
    }

    private static Set<String> templateVariables(String path) {
        Set<String> names = new TreeSet<>();
        Matcher m = TEMPLATE_VARIABLE.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
