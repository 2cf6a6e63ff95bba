package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default base URL: OpenAPI 3 {@code servers[0]} with its variables' defaults, Swagger 2.0 host + basePath. */
class OpenApiServersTest {

    @TempDir
    Path dir;

    private static final String PATHS = """
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    "200": {description: ok}
            """;

    private ContractModel read(String text, Diagnostics diagnostics) throws IOException {
        Path file = Files.writeString(dir.resolve("api.yaml"), text + PATHS);
        return OpenApiReaderTest.read(file, diagnostics);
    }

    private String defaultUrl(String text) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = read(text, diagnostics);
        return model.defaultUrl();
    }

    @Test
    void openApi3TakesTheFirstServerWithItsVariablesDefaults() throws IOException {
        assertEquals("https://eu.api.example.com:8443/v2", defaultUrl("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                servers:
                  - url: "https://{region}.api.example.com:{port}/{version}"
                    variables:
                      region: {default: eu, enum: [eu, us]}
                      port: {default: "8443"}
                      version: {default: v2}
                  - url: https://other.example.com
                """));
    }

    @Test
    void swagger2TakesTheFirstSchemeHostAndBasePath() throws IOException {
        assertEquals("https://api.example.com/base", defaultUrl("""
                swagger: "2.0"
                info: {title: t, version: "1"}
                host: api.example.com
                basePath: /base
                schemes: [https, http]
                """));
    }

    @Test
    void aContractWithoutServersHasNoDefaultUrl() throws IOException {
        assertNull(defaultUrl("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                """));
    }

    @Test
    void aRelativeServerUrlIsANoteAndNoDefault() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = read("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                servers:
                  - url: /api/v3
                """, diagnostics);
        assertNull(model.defaultUrl());
        List<Diagnostic> relative = diagnostics.all().stream()
                .filter(d -> d.code().equals("OPENAPI_RELATIVE_SERVER_URL")).toList();
        assertEquals(1, relative.size(), diagnostics.all()::toString);
        assertEquals("/servers/0/url", relative.get(0).location().pointer());
        assertEquals(Diagnostic.Severity.INFO, relative.get(0).severity());
    }
}
