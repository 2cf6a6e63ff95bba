package dev.imcp.codegen.mcpjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.HttpBinding.HttpParameter;
import dev.imcp.codegen.model.HttpBinding.In;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.read.ContractSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpJsonReaderTest {

    @Test
    void readsTheFormat() throws IOException {
        Path file = Path.of("src/test/resources/mcpjson/weather.mcp.json");
        ContractSource source = new ContractSource(file.toAbsolutePath(), "weather.mcp.json", "weather",
                "com.example.weather", Files.readString(file), "0".repeat(64));
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = new McpJsonReader().read(source, diagnostics);
        assertEquals(List.of(), diagnostics.all());
        assertEquals("Weather", model.title());
        assertEquals("1.2.0", model.version());
        assertEquals("https://api.example.com/v1", model.defaultUrl());

        OperationModel forecast = model.operations().get(0);
        HttpBinding get = (HttpBinding) forecast.binding();
        assertEquals(List.of(
                new HttpParameter("city", "city", In.PATH, true),
                new HttpParameter("days", "days", In.QUERY, false),
                new HttpParameter("units", "units", In.QUERY, false)), get.parameters());
        assertEquals(null, get.bodyProperty());
        assertEquals(3, forecast.input().properties().get("days").defaultValue());
        assertEquals("GetForecastInputUnits", forecast.input().properties().get("units").typeName());
        assertEquals(Kind.ANY, forecast.output().kind());

        OperationModel create = model.operations().get(1);
        HttpBinding post = (HttpBinding) create.binding();
        assertEquals("POST", post.method());
        assertEquals("*", post.bodyProperty());
        assertTrue(post.parameters().isEmpty());
        assertEquals("Create alert", create.title());
        assertEquals(Map.of("destructiveHint", true, "idempotentHint", false, "openWorldHint", true), create.annotations(),
                "POST's hints, the contract's idempotentHint: false kept");
        assertTrue(create.input().properties().get("class").nullable());
        assertEquals(Kind.OBJECT, create.output().kind());

        OperationModel delete = model.operations().get(2);
        assertEquals(Map.of("destructiveHint", true, "idempotentHint", true, "openWorldHint", true), delete.annotations());
    }
}
