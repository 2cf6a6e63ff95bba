package dev.imcp.codegen.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.descriptor.PublishedTool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * One tool as the adapter publishes it, its schemas already rendered as compact JSON text: each schema is built
 * and serialized once, then spliced into both files that carry it, so a large contract (Kubernetes: 1,062 tools,
 * 40 MB of schemas) never holds every schema as a JSON tree at once.
 *
 * <p>{@code META-INF/imcp/tools.json} is {@code {"tools": [...]}} with one tool per line, sorted by name, each
 * exactly the entry the adapter's {@code tools/list} publishes in the newest revision: {@link PublishedTool} writes
 * both (and the lockfile's entries).
 * The per-service {@code tool-schemas.json} maps each tool name to {@code {"inputSchema", "outputSchema"}}, in
 * contract order, with each schema on a line of its own (JSON whitespace between the members), so that the
 * runtime's {@code ToolSchemas} takes the schemas out by line instead of reading 40 MB token by token:
 * <pre>
 * {"getPet":{"inputSchema":
 * {...}
 * ,"outputSchema":
 * {...}
 * },"listPets":{"inputSchema":
 * ...
 * }}
 * </pre>
 *
 * @param service the service id
 * @param name the tool name
 * @param title the title, or {@code null}
 * @param description the description, or {@code null}
 * @param inputSchema the published input schema, compact JSON
 * @param outputSchema the published output schema, compact JSON, or {@code null}
 * @param annotations the tool annotations (MCP {@code ToolAnnotations}), sorted by name
 */
record ToolJson(String service, String name, String title, String description, String inputSchema,
        String outputSchema, Map<String, Boolean> annotations) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Renders the tool of {@code op}. */
    static ToolJson of(ContractModel contract, OperationModel op) {
        ObjectNode output = OutputSchemas.published(op);
        return new ToolJson(contract.serviceId(), op.toolName(), op.title(), op.description(),
                SchemaJson.text(SchemaJson.input(op.input())), output == null ? null : SchemaJson.text(output),
                new TreeMap<>(op.annotations()));
    }

    /**
     * Returns this tool with its schemas deflated, to be held until the adapter-wide files are written: published
     * schemas repeat themselves and shrink about tenfold, and Microsoft Graph's beta has 22,361 tools.
     */
    Packed pack() {
        byte[] input = inputSchema.getBytes(StandardCharsets.UTF_8);
        byte[] output = outputSchema == null ? new byte[0] : outputSchema.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, (input.length + output.length) / 8));
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
            out.write(input);
            out.write(output);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        } finally {
            deflater.end();
        }
        return new Packed(new ToolJson(service, name, title, description, null, null, annotations),
                bytes.toByteArray(), input.length, outputSchema == null ? -1 : output.length);
    }

    /**
     * A tool with its schemas deflated (see {@link #pack()}).
     *
     * @param tool the tool without its schemas
     * @param schemas the input schema's UTF-8 bytes then the output schema's, deflated
     * @param inputLength the input schema's length, bytes
     * @param outputLength the output schema's length, bytes, or -1 when the tool has none
     */
    record Packed(ToolJson tool, byte[] schemas, int inputLength, int outputLength) {

        /** Returns the tool whole again. */
        ToolJson unpack() {
            byte[] all;
            try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(schemas))) {
                all = in.readNBytes(inputLength + Math.max(0, outputLength));
            } catch (IOException e) {
                throw new IllegalStateException("schemas of " + tool.name + " we deflated do not inflate", e);
            }
            if (all.length != inputLength + Math.max(0, outputLength)) {
                throw new IllegalStateException("schemas of " + tool.name + " end early");
            }
            return new ToolJson(tool.service, tool.name, tool.title, tool.description,
                    new String(all, 0, inputLength, StandardCharsets.UTF_8),
                    outputLength < 0 ? null : new String(all, inputLength, outputLength, StandardCharsets.UTF_8),
                    tool.annotations);
        }
    }

    /** Writes {@code tools.json}'s text for {@code tools}, in the order given, to {@code out}. */
    static void writeToolsFile(List<Packed> tools, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out).setRootValueSeparator(null)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeRaw("{\"tools\":[");
            for (int i = 0; i < tools.size(); i++) {
                g.writeRaw(i == 0 ? "\n" : ",\n");
                tools.get(i).unpack().published().write(g);
            }
            g.writeRaw("\n]}\n");
        }
    }

    /** Writes one service's {@code tool-schemas.json}, in the layout the class comment shows, to {@code out}. */
    static void writeSchemasFile(List<Packed> tools, Writer out) throws IOException {
        out.write('{');
        for (int i = 0; i < tools.size(); i++) {
            ToolJson tool = tools.get(i).unpack();
            out.append(i == 0 ? "" : "},").append('"')
                    .append(CharBuffer.wrap(JsonStringEncoder.getInstance().quoteAsString(tool.name)))
                    .append("\":{\"inputSchema\":\n").append(tool.inputSchema).append('\n');
            if (tool.outputSchema != null) {
                out.append(",\"outputSchema\":\n").append(tool.outputSchema).append('\n');
            }
        }
        out.append(tools.isEmpty() ? "}\n" : "}}\n");
    }

    /** Returns the tool as MCP clients see it in {@code tools/list}. */
    PublishedTool published() {
        return new PublishedTool(name, title, description, inputSchema, outputSchema, annotations);
    }
}
