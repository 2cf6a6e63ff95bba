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
import java.util.TreeMap;

/** Converts one OpenAPI "Operation Object" to an {@link OperationModel}. */
final class OpenApiOperations {

    private static final String BODY = "body";

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
        for (Map.Entry<String, Parameter> e : parameters(item, op, pointer).entrySet()) {
            Parameter p = e.getValue();
            String in = p.getIn() == null ? "query" : p.getIn();
            String property = p.getName();
            if (input.build().properties().containsKey(property)) {
                property = p.getName() + "_" + in;
            }
            SchemaModel schema = schemas.convert(p.getSchema(), e.getKey() + "/schema", javaName + Names.upperCamel(property));
            if (schema.description() == null && p.getDescription() != null) {
                schema = schema.toBuilder().description(p.getDescription()).build();
            }
            input.property(property, schema);
            boolean required = Boolean.TRUE.equals(p.getRequired()) || "path".equals(in);
            if (required) {
                input.required(property);
            }
            parameters.add(new HttpParameter(p.getName(), property, HttpBinding.In.valueOf(in.toUpperCase(Locale.ROOT)), required));
        }

        String bodyProperty = null;
        String bodyMediaType = null;
        RequestBody body = requestBody(op.getRequestBody());
        if (body != null && body.getContent() != null && !body.getContent().isEmpty()) {
            String bodyPointer = pointer + "/requestBody";
            Map.Entry<String, MediaType> json = json(body.getContent());
            boolean required = Boolean.TRUE.equals(body.getRequired());
            if (json == null) {
                String types = String.join(", ", new TreeMap<>(body.getContent()).keySet());
                if (required) {
                    diagnostics.add(Diagnostic.skipped("OPENAPI_UNSUPPORTED_BODY", locator.locate(bodyPointer),
                            "request body of type " + types + " is not supported yet; operation '" + toolName
                                    + "' is skipped", 1));
                    return null;
                }
                diagnostics.add(Diagnostic.warning("OPENAPI_UNSUPPORTED_BODY", locator.locate(bodyPointer),
                        "optional request body of type " + types + " is not supported yet; it is never sent"));
            } else {
                bodyProperty = input.build().properties().containsKey(BODY) ? "requestBody" : BODY;
                bodyMediaType = json.getKey();
                SchemaModel schema = schemas.convert(json.getValue().getSchema(),
                        JsonLocator.pointer(bodyPointer + "/content", json.getKey()) + "/schema", javaName + "Body");
                if (schema.description() == null && body.getDescription() != null) {
                    schema = schema.toBuilder().description(body.getDescription()).build();
                }
                input.property(bodyProperty, schema);
                if (required) {
                    input.required(bodyProperty);
                }
            }
        }

        SchemaModel output = output(op, pointer, javaName);
        return new OperationModel(toolName, javaName, tool.title(), tool.description(), tool.annotations(),
                schemas.withDefinitions(input.build()), schemas.withDefinitions(output), new HttpBinding(method, path, parameters, bodyProperty, bodyMediaType), locator.locate(pointer),
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
                return null;
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

    private static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
