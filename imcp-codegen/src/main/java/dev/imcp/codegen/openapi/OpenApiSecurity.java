package dev.imcp.codegen.openapi;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.SecurityModel;
import dev.imcp.codegen.read.JsonLocator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the security of an OpenAPI contract: its "Security Scheme Objects" ({@code components/securitySchemes};
 * Swagger 2.0 {@code securityDefinitions}, converted by swagger-parser) and each published operation's "Security
 * Requirement Object" list (the operation's {@code security}, else the document's; OpenAPI 3.1.0 section 4.8.10).
 *
 * <p>Supported: {@code apiKey} in {@code header}, {@code query} or {@code cookie}; {@code http} with scheme
 * {@code basic} or {@code bearer} (case-insensitive, RFC 7235); {@code oauth2} with a {@code clientCredentials}
 * flow (Swagger 2.0 {@code flow: application}), whose token request asks for the union of the scopes the
 * operations name. Any other scheme (other OAuth 2.0 flows, {@code openIdConnect}, {@code mutualTLS}, other HTTP
 * schemes) is a warning {@code OPENAPI_SECURITY_UNSUPPORTED} at the scheme, once; an alternative that needs it is
 * dropped, so its operations go without those credentials unless {@code imcp.services.<id>.headers} or
 * {@code tls} supply them. A requirement naming an undeclared scheme is a warning {@code OPENAPI_SECURITY_UNDECLARED}.
 */
final class OpenApiSecurity {

    private final OpenAPI api;
    private final JsonLocator locator;
    private final Diagnostics diagnostics;
    private final String schemesPointer;
    private final Map<String, SecurityModel.Type> supported = new LinkedHashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final Map<String, Set<String>> scopes = new LinkedHashMap<>();
    private final Map<String, List<List<String>>> requirements = new LinkedHashMap<>();

    OpenApiSecurity(OpenAPI api, JsonLocator locator, Diagnostics diagnostics, boolean swagger2) {
        this.api = api;
        this.locator = locator;
        this.diagnostics = diagnostics;
        this.schemesPointer = swagger2 ? "/securityDefinitions" : "/components/securitySchemes";
        Map<String, SecurityScheme> schemes = schemes();
        schemes.forEach((name, scheme) -> {
            SecurityModel.Type type = type(scheme);
            if (type != null) {
                supported.put(name, type);
            }
        });
    }

    private Map<String, SecurityScheme> schemes() {
        return api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
                ? Map.of() : api.getComponents().getSecuritySchemes();
    }

    private static SecurityModel.Type type(SecurityScheme s) {
        if (s.getType() == null) {
            return null;
        }
        return switch (s.getType()) {
            case APIKEY -> s.getIn() != null && s.getName() != null ? SecurityModel.Type.API_KEY : null;
            case HTTP -> switch (s.getScheme() == null ? "" : s.getScheme().toLowerCase(Locale.ROOT)) {
                case "basic" -> SecurityModel.Type.HTTP_BASIC;
                case "bearer" -> SecurityModel.Type.HTTP_BEARER;
                default -> null;
            };
            case OAUTH2 -> s.getFlows() != null && s.getFlows().getClientCredentials() != null
                    && s.getFlows().getClientCredentials().getTokenUrl() != null
                    ? SecurityModel.Type.OAUTH2_CLIENT_CREDENTIALS : null;
            default -> null;
        };
    }

    /**
     * Records the requirement of one published operation.
     *
     * @param method the HTTP method, upper case
     * @param pathTemplate the binding's path template
     * @param op the operation
     * @param pointer the operation's JSON pointer, for diagnostics
     */
    void operation(String method, String pathTemplate, Operation op, String pointer) {
        List<SecurityRequirement> declared = op.getSecurity() != null ? op.getSecurity() : api.getSecurity();
        if (declared == null || declared.isEmpty()) {
            return;
        }
        List<List<String>> alternatives = new ArrayList<>();
        for (SecurityRequirement requirement : declared) {
            List<String> names = new ArrayList<>();
            boolean usable = true;
            for (Map.Entry<String, List<String>> e : requirement.entrySet()) {
                String name = e.getKey();
                if (!schemes().containsKey(name)) {
                    if (reported.add("undeclared " + name)) {
                        diagnostics.add(Diagnostic.warning("OPENAPI_SECURITY_UNDECLARED", locator.locate(
                                op.getSecurity() != null ? pointer + "/security" : "/security"),
                                "security requirement names scheme '" + name + "', which " + schemesPointer
                                        + " does not declare; it is ignored"));
                    }
                    usable = false;
                    continue;
                }
                if (!supported.containsKey(name)) {
                    unsupported(name);
                    usable = false;
                    continue;
                }
                names.add(name);
                if (supported.get(name) == SecurityModel.Type.OAUTH2_CLIENT_CREDENTIALS && e.getValue() != null) {
                    scopes.computeIfAbsent(name, k -> new TreeSet<>()).addAll(e.getValue());
                }
            }
            if (usable && !alternatives.contains(names)) {
                alternatives.add(names);
            }
        }
        if (!alternatives.isEmpty() && !(alternatives.size() == 1 && alternatives.get(0).isEmpty())) {
            requirements.put(SecurityModel.key(method, pathTemplate), alternatives);
        }
    }

    private void unsupported(String name) {
        if (!reported.add("unsupported " + name)) {
            return;
        }
        SecurityScheme s = schemes().get(name);
        String what = s.getType() == null ? "a scheme without type"
                : s.getType() == SecurityScheme.Type.HTTP ? "HTTP scheme '" + s.getScheme() + "'"
                : s.getType() == SecurityScheme.Type.OAUTH2 ? "OAuth 2.0 without a clientCredentials flow"
                : s.getType() == SecurityScheme.Type.APIKEY ? "an API key without 'in' or 'name'"
                : "of type " + s.getType();
        diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, "OPENAPI_SECURITY_UNSUPPORTED",
                "security scheme '" + name + "' is " + what + ", for which the contract alone does not tell the "
                        + "adapter how to obtain credentials; operations that need it are sent without them unless "
                        + "the service's credentials are configured",
                locator.locate(JsonLocator.pointer(schemesPointer, name)),
                "configure imcp.services.<id>.auth at run time (type caller-token forwards the MCP caller's JWT, "
                        + "token-exchange exchanges it (RFC 8693), oauth2-client-credentials fetches a token from a "
                        + "token-url; also bearer, basic, api-key), or headers, or tls for mutual TLS"));
    }

    /** Returns the schemes that some operation requires, in contract order, and the requirements. */
    SecurityModel model() {
        Set<String> used = new HashSet<>();
        requirements.values().forEach(a -> a.forEach(used::addAll));
        Map<String, SecurityModel.Scheme> out = new LinkedHashMap<>();
        supported.forEach((name, type) -> {
            if (!used.contains(name)) {
                return;
            }
            SecurityScheme s = schemes().get(name);
            out.put(name, switch (type) {
                case API_KEY -> new SecurityModel.Scheme(name, type, s.getIn().toString().toLowerCase(Locale.ROOT),
                        s.getName(), null, List.of());
                case HTTP_BASIC, HTTP_BEARER -> new SecurityModel.Scheme(name, type, null, null, null, List.of());
                case OAUTH2_CLIENT_CREDENTIALS -> new SecurityModel.Scheme(name, type, null, null,
                        s.getFlows().getClientCredentials().getTokenUrl(),
                        List.copyOf(scopes.getOrDefault(name, Set.of())));
            });
        });
        return new SecurityModel(out, requirements);
    }
}
