package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.SecurityModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security schemes and requirements read from the corpus's ReadMe security document (one operation per scheme). */
class OpenApiSecurityTest {

    private static final Path DOCUMENT =
            Path.of("src/test/resources/corpus/openapi/readme-security-schemes/3.0/json/security.json");

    @TempDir
    Path dir;

    @Test
    void swagger2SecurityDefinitionsAndTheApplicationFlowAreRead() throws IOException {
        Path file = Files.writeString(dir.resolve("v2.yaml"), """
                swagger: "2.0"
                info: {title: t, version: "1"}
                host: api.example.com
                securityDefinitions:
                  key: {type: apiKey, in: query, name: token}
                  app:
                    type: oauth2
                    flow: application
                    tokenUrl: https://auth.example.com/token
                    scopes: {"pets:read": read}
                security: [{key: []}]
                paths:
                  /pets:
                    get:
                      operationId: listPets
                      responses: {"200": {description: ok}}
                  /owners:
                    get:
                      operationId: listOwners
                      security: [{app: ["pets:read"]}]
                      responses: {"200": {description: ok}}
                """);
        SecurityModel security = OpenApiReaderTest.read(file, new Diagnostics()).security();
        assertEquals(new SecurityModel.Scheme("key", SecurityModel.Type.API_KEY, "query", "token", null, List.of()),
                security.schemes().get("key"));
        assertEquals(new SecurityModel.Scheme("app", SecurityModel.Type.OAUTH2_CLIENT_CREDENTIALS, null, null,
                "https://auth.example.com/token", List.of("pets:read")), security.schemes().get("app"));
        assertEquals(List.of(List.of("key")), security.requirements().get("GET /pets"));
        assertEquals(List.of(List.of("app")), security.requirements().get("GET /owners"));
    }

    @Test
    void supportedSchemesAreKeptWithTheirShape() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        SecurityModel security = OpenApiReaderTest.read(DOCUMENT, diagnostics).security();
        assertEquals(List.of("apiKey_cookie", "apiKey_header", "apiKey_query", "basic", "bearer", "bearer_jwt", "oauth2",
                "oauth2_clientCredentials"), List.copyOf(security.schemes().keySet()));
        assertEquals(new SecurityModel.Scheme("apiKey_cookie", SecurityModel.Type.API_KEY, "cookie", "api_key", null,
                List.of()), security.schemes().get("apiKey_cookie"));
        assertEquals(new SecurityModel.Scheme("oauth2_clientCredentials", SecurityModel.Type.OAUTH2_CLIENT_CREDENTIALS,
                null, null, "http://alt.example.com/oauth/token", List.of("write:things")),
                security.schemes().get("oauth2_clientCredentials"));
        assertEquals(SecurityModel.Type.HTTP_BEARER, security.schemes().get("bearer_jwt").type());
        assertEquals(SecurityModel.Type.OAUTH2_CLIENT_CREDENTIALS, security.schemes().get("oauth2").type(),
                "a scheme with several flows, clientCredentials among them");
    }

    @Test
    void requirementsComeFromTheOperationAndKeepOptionalAuthentication() throws IOException {
        SecurityModel security = OpenApiReaderTest.read(DOCUMENT, new Diagnostics()).security();
        assertEquals(List.of(List.of("apiKey_query")), security.requirements().get("GET /anything/apiKey"));
        assertEquals(List.of(List.of("apiKey_query"), List.of()),
                security.requirements().get("GET /anything/optional-auth"));
        assertFalse(security.requirements().containsKey("POST /anything/no-auth"));
        assertFalse(security.requirements().containsKey("POST /anything/openIdConnect"),
                "its only alternative needs an unsupported scheme");
    }

    @Test
    void eachUnsupportedSchemeIsOneWarningAtItsDeclaration() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = OpenApiReaderTest.read(DOCUMENT, diagnostics);
        List<Diagnostic> unsupported = diagnostics.all().stream()
                .filter(d -> d.code().equals("OPENAPI_SECURITY_UNSUPPORTED")).toList();
        assertEquals(List.of("/components/securitySchemes/oauth2_authorizationCode",
                        "/components/securitySchemes/oauth2_implicit", "/components/securitySchemes/oauth2_password",
                        "/components/securitySchemes/openIdConnect"),
                unsupported.stream().map(d -> d.location().pointer()).sorted().toList());
        unsupported.forEach(d -> assertEquals(Diagnostic.Severity.WARNING, d.severity()));
        // the fix names the run-time configuration that does obtain credentials for such schemes
        unsupported.forEach(d -> assertTrue(d.toString().contains("imcp.services.<id>.auth")
                && d.toString().contains("caller-token") && d.toString().contains("token-exchange"), d.toString()));
        assertEquals(15, model.operations().size(), "no operation is lost for its security");
    }
}
