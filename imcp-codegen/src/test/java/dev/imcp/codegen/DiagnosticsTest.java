package dev.imcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken contracts: each asserts the code, the {@code file:line:col} and the exact count of diagnostics. */
class DiagnosticsTest {

    @TempDir
    Path out;

    @Test
    void unresolvedRef() throws IOException {
        List<Diagnostic> all = TestContracts.failures(out, "invalid/unresolved-ref.yaml");
        assertEquals(1, all.size(), all.toString());
        Diagnostic d = all.get(0);
        assertEquals("OPENAPI_UNRESOLVED_REF", d.code());
        assertEquals("invalid/unresolved-ref.yaml:15:17", d.location().toString());
        assertEquals("invalid/unresolved-ref.yaml:15:17 [OPENAPI_UNRESOLVED_REF] "
                + "/paths/~1pets/get/responses/200/content/application~1json/schema: "
                + "'#/components/schemas/Pet' does not exist (fix: define it or correct the reference)", d.toString());
        assertTrue(Files.notExists(out.resolve("java")), "nothing is written when a contract has an error");
    }

    @Test
    void malformedJson() throws IOException {
        List<Diagnostic> all = TestContracts.failures(out, "invalid/malformed.mcp.json");
        assertEquals(1, all.size(), all.toString());
        assertEquals("MCPJSON_PARSE_ERROR", all.get(0).code());
        assertEquals("invalid/malformed.mcp.json:6:36", all.get(0).location().toString());
    }

    @Test
    void missingEndpointPath() throws IOException {
        List<Diagnostic> all = TestContracts.failures(out, "invalid/missing-path.mcp.json");
        assertEquals(1, all.size(), all.toString());
        Diagnostic d = all.get(0);
        assertEquals("MCPJSON_MISSING_FIELD", d.code());
        assertEquals("/tools/1/endpoint/path", d.location().pointer());
        assertEquals("invalid/missing-path.mcp.json:10:7", d.location().toString());
        assertTrue(d.message().contains("'path'"), d.message());
    }

    @Test
    void sameDerivedToolNameInTwoContractsIsACollisionResolvedWithAWarning() throws Exception {
        GenerationResult result = TestContracts.generate(out, "invalid/first.mcp.json", "invalid/second.mcp.json");
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        Diagnostic d = result.warnings().get(0);
        assertEquals("TOOL_NAME_COLLISION", d.code());
        assertEquals("invalid/second.mcp.json:5:5", d.location().toString());
        assertTrue(d.message().contains("invalid/first.mcp.json:4:5 /tools/0"), d.message());
        String renamed = result.contracts().get(1).operations().get(1).toolName();
        assertTrue(renamed.matches("ping_[0-9a-f]{8}"), renamed);
        assertTrue(d.message().endsWith("published as '" + renamed + "'"), d.message());
        assertEquals("ping", result.contracts().get(0).operations().get(0).toolName(), "the first keeps its name");
    }

    @Test
    void everyErrorOfEveryContractIsReportedOnce() throws IOException {
        List<Diagnostic> all = TestContracts.failures(out,
                "invalid/unresolved-ref.yaml", "invalid/malformed.mcp.json", "invalid/missing-path.mcp.json");
        assertEquals(List.of("OPENAPI_UNRESOLVED_REF", "MCPJSON_PARSE_ERROR", "MCPJSON_MISSING_FIELD"),
                all.stream().map(Diagnostic::code).toList());
    }

    @Test
    void aWsdl20DocumentIsNamedAsSuchWithTheWayOut() throws IOException {
        Path file = out.resolve("svc.wsdl");
        Files.writeString(file, "<description xmlns=\"http://www.w3.org/ns/wsdl\" targetNamespace=\"urn:x\"/>\n");
        List<Diagnostic> all = TestContracts.failures(out, file.toString());
        assertEquals(1, all.size(), all.toString());
        assertEquals("CONTRACT_UNKNOWN_KIND", all.get(0).code());
        assertTrue(all.get(0).message().startsWith("a WSDL 2.0 document ('description' root)"), all.get(0).message());
        assertTrue(all.get(0).message().contains("?wsdl"), all.get(0).message());
    }

    @Test
    void unknownKind() throws IOException {
        Path file = out.resolve("notes.json");
        Files.writeString(file, "{\"hello\": 1}\n");
        List<Diagnostic> all = TestContracts.failures(out, file.toString());
        assertEquals(1, all.size(), all.toString());
        assertEquals("CONTRACT_UNKNOWN_KIND", all.get(0).code());
    }

    @Test
    void identicalDiagnosticsArePrintedOnceWithACount() {
        var at = new dev.imcp.codegen.model.SourceLocation("legacy.wsdl", 12, 3, "");
        Diagnostic repeated = Diagnostic.warning("WSDL_UNSUPPORTED_SCHEMA", at, "xsd:any is published as any JSON");
        Diagnostic other = Diagnostic.warning("WSDL_UNSUPPORTED_SCHEMA", at.withPointer("/x"), "other");
        assertEquals(List.of(
                        "legacy.wsdl:12:3 [WSDL_UNSUPPORTED_SCHEMA] xsd:any is published as any JSON (3 times)",
                        "legacy.wsdl:12:3 [WSDL_UNSUPPORTED_SCHEMA] /x: other"),
                dev.imcp.codegen.diag.Diagnostics.lines(List.of(repeated, other, repeated, repeated)));
    }
}
