package dev.imcp.codegen.mcpjson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.read.ContractSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.wsdl.WsdlTestSupport;
import org.junit.jupiter.api.Test;

/** {@code $defs}, {@code $ref} and the composition keywords of MCP JSON schemas are kept. */
class McpJsonSchemasTest {

    @Test
    void keepsDefinitionsReferencesAndAlternatives() throws IOException {
        Path file = Path.of("src/test/resources/mcpjson/defs.mcp.json");
        ContractSource source = new ContractSource(file.toAbsolutePath(), "defs.mcp.json", "files",
                "com.example.files", Files.readString(file), "0".repeat(64));
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = new McpJsonReader().read(source, diagnostics);

        List<Diagnostic> all = diagnostics.all();
        assertEquals(1, all.size(), all.toString());
        assertEquals("MCPJSON_UNRESOLVED_REF", all.get(0).code());
        assertEquals(43, all.get(0).location().line());
        assertEquals("/tools/2/inputSchema/properties/bad/$ref", all.get(0).location().pointer());

        OperationModel put = model.operations().get(0);
        SchemaModel root = put.input().properties().get("root");
        assertEquals(Kind.REF, root.kind());
        assertEquals("Folder", root.ref());
        SchemaModel folder = put.input().definitions().get("Folder");
        assertEquals("Folder", folder.properties().get("children").items().ref(), "recursive through $defs");
        assertEquals("Who owns this folder.", folder.properties().get("owner").description());
        assertEquals(List.of("Folder", "User"), List.copyOf(put.input().reachableDefinitions().keySet()));
        assertEquals(List.of("merge", "replace"),
                put.input().properties().get("mode").oneOf().stream().map(SchemaModel::constValue).toList());

        OperationModel get = model.operations().get(1);
        assertEquals("User2", get.input().properties().get("who").ref(),
                "another tool's different 'User' gets its own name within the contract");
        assertEquals(Kind.INTEGER, get.input().definitions().get("User2").properties().get("id").kind());
    }

    @Test
    void publishesDefinitionsAndCompiles(@TempDir Path out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode contract = (ObjectNode) json.readTree(Path.of("src/test/resources/mcpjson/defs.mcp.json").toFile());
        ((ArrayNode) contract.get("tools")).remove(2);
        Path file = out.resolve("files.mcp.json");
        json.writeValue(file.toFile(), contract);
        new ImcpGenerator().generate(new CodegenRequest(List.of(file), out, out.resolve("java"), out.resolve("resources"),
                "com.example.files"));
        JsonNode input = null;
        for (JsonNode tool : json.readTree(out.resolve("resources/META-INF/imcp/tools.json").toFile()).get("tools")) {
            input = tool.get("name").asText().equals("put_tree") ? tool.get("inputSchema") : input;
        }
        assertEquals("#/$defs/Folder", input.at("/properties/root/$ref").asText());
        assertEquals("#/$defs/Folder", input.at("/$defs/Folder/properties/children/items/$ref").asText());
        assertEquals("#/$defs/User", input.at("/$defs/Folder/properties/owner/$ref").asText());
        assertEquals("Who owns this folder.", input.at("/$defs/Folder/properties/owner/description").asText());
        assertEquals(2, input.at("/properties/mode/oneOf").size());
        WsdlTestSupport.compile(out.resolve("java"), Files.createDirectories(out.resolve("classes")));
    }
}
