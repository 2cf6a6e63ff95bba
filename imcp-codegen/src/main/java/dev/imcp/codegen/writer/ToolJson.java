package dev.imcp.codegen.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.descriptor.PublishedTool;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Returns {@code tools.json}'s text for {@code tools}, in the order given. */
    static String toolsFile(List<ToolJson> tools) {
        return write(g -> {
            g.writeRaw("{\"tools\":[");
            for (int i = 0; i < tools.size(); i++) {
                g.writeRaw(i == 0 ? "\n" : ",\n");
                tools.get(i).published().write(g);
                g.flush();
            }
            g.writeRaw("\n]}\n");
        });
    }

    /** Returns the text of one service's {@code tool-schemas.json}, in the layout the class comment shows. */
    static String schemasFile(List<ToolJson> tools) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < tools.size(); i++) {
            ToolJson tool = tools.get(i);
            out.append(i == 0 ? "" : "},").append('"')
                    .append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(tool.name))
                    .append("\":{\"inputSchema\":\n").append(tool.inputSchema).append('\n');
            if (tool.outputSchema != null) {
                out.append(",\"outputSchema\":\n").append(tool.outputSchema).append('\n');
            }
        }
        return out.append(tools.isEmpty() ? "}\n" : "}}\n").toString();
    }

    /** Returns the tool as MCP clients see it in {@code tools/list}. */
    PublishedTool published() {
        return new PublishedTool(name, title, description, inputSchema, outputSchema, annotations);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text).setRootValueSeparator(null)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
