package dev.imcp.codegen.writer;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.ContractException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Catalog pages the tests look at: the sample adapter's, and a synthetic one of many tools. */
final class CatalogPages {

    /** The sample adapter's project folder (its contracts are in {@code src/main/contracts}). */
    static final Path SAMPLE = Path.of("../samples/petstore-greeter").toAbsolutePath().normalize();

    private CatalogPages() {
    }

    /** Generates the sample adapter as its pom configures it into {@code out}; returns the catalog file. */
    static Path sample(Path out) throws IOException, ContractException {
        new ImcpGenerator().generate(new CodegenRequest(List.of(), SAMPLE, out.resolve("java"), out.resolve("resources"),
                "dev.imcp.sample").discovering(SAMPLE.resolve("src/main/contracts")).withAdapter("petstore-greeter", "0.1.0"));
        return out.resolve("resources").resolve(CatalogPage.FILE);
    }

    /**
     * Generates an adapter from one OpenAPI document of {@code tools} operations over 10 tags, each taking a path
     * parameter, a query enum with a default and a body that reaches shared nested definitions, one of them recursive
     * (so every tool's schemas carry it in {@code $defs}); returns the catalog.
     */
    static Path synthetic(Path out, int tools) throws IOException, ContractException {
        StringBuilder yaml = new StringBuilder("""
                openapi: 3.0.3
                info: {title: Synthetic fleet, version: "7.1"}
                servers: [{url: "https://fleet.example.com/api"}]
                paths:
                """);
        for (int i = 0; i < tools; i++) {
            String group = "group" + (i % 10);
            yaml.append("  /").append(group).append("/items").append(i).append("/{itemId}:\n")
                    .append("    post:\n")
                    .append("      operationId: update").append(group.substring(0, 1).toUpperCase())
                    .append(group.substring(1)).append("Item").append(i).append('\n')
                    .append("      summary: Update item ").append(i).append(" of ").append(group).append('\n')
                    .append("      description: Replaces the settings of item ").append(i)
                    .append(" in ").append(group).append(".\n")
                    .append("      parameters:\n")
                    .append("        - {name: itemId, in: path, required: true, schema: {type: string, minLength: 3}}\n")
                    .append("        - {name: mode, in: query, schema: {type: string, enum: [fast, safe], default: safe}}\n")
                    .append("      requestBody:\n")
                    .append("        required: true\n")
                    .append("        content: {application/json: {schema: {$ref: '#/components/schemas/Settings").append(i % 50).append("'}}}\n")
                    .append("      responses:\n")
                    .append("        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}\n");
        }
        yaml.append("components:\n  schemas:\n");
        yaml.append("""
                    Item:
                      type: object
                      properties:
                        id: {type: string}
                        labels: {type: object, additionalProperties: {type: string}}
                        spec: {$ref: '#/components/schemas/Spec'}
                    Spec:
                      type: object
                      required: [replicas]
                      properties:
                        replicas: {type: integer, minimum: 0, maximum: 100, description: How many copies run.}
                        image: {type: string, pattern: '^[a-z0-9./:-]+$'}
                        ports: {type: array, items: {$ref: '#/components/schemas/Port'}}
                        sidecars: {type: array, items: {$ref: '#/components/schemas/Spec'}, description: Specs run beside.}
                    Port:
                      type: object
                      properties:
                        number: {type: integer, minimum: 1, maximum: 65535}
                        protocol: {type: string, enum: [TCP, UDP, SCTP], default: TCP}
                """);
        for (int s = 0; s < 50; s++) {
            yaml.append("    Settings").append(s).append(":\n")
                    .append("      type: object\n")
                    .append("      description: Settings of kind ").append(s).append(".\n")
                    .append("      required: [name]\n")
                    .append("      properties:\n")
                    .append("        name: {type: string, maxLength: 63}\n")
                    .append("        spec: {$ref: '#/components/schemas/Spec'}\n")
                    .append("        weight").append(s).append(": {type: number, default: 1.5}\n");
        }
        Path contracts = Files.createDirectories(out.resolve("contracts"));
        Files.writeString(contracts.resolve("fleet.yaml"), yaml);
        new ImcpGenerator().generate(new CodegenRequest(List.of(contracts.resolve("fleet.yaml")), out,
                out.resolve("java"), out.resolve("resources"), "com.example.fleet").withAdapter("fleet-adapter", "7.1.0"));
        return out.resolve("resources").resolve(CatalogPage.FILE);
    }
}
