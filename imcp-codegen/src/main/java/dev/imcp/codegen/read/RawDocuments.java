package dev.imcp.codegen.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.model.SourceLocation;
import java.io.IOException;

/**
 * Parses a contract's raw text (JSON, or YAML when it does not start with <code>{</code>) into a Jackson tree,
 * independently of the contract's own parser, so readers can check and locate what that parser hides.
 */
public final class RawDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RawDocuments() {
    }

    /** Returns whether {@code text} is read as JSON (it starts with <code>{</code> or {@code [}). */
    public static boolean isJson(String text) {
        String t = text.strip();
        return t.startsWith("{") || t.startsWith("[");
    }

    /** Returns the streaming factory {@code text} is read with. */
    static JsonFactory factoryFor(String text) {
        return isJson(text) ? JSON.getFactory() : YAML.getFactory();
    }

    /**
     * Parses {@code text}.
     *
     * @param text a JSON or YAML document
     * @return the tree
     * @throws IOException with the parser's location when the text is malformed
     */
    public static JsonNode parse(String text) throws IOException {
        ObjectMapper mapper = isJson(text) ? JSON : YAML;
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            JsonNode node = mapper.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "Trailing content after the document");
            }
            return node == null ? JSON.nullNode() : node;
        }
    }

    /**
     * Returns the diagnostic for a document {@link #parse} rejected: {@code code} at the parser's line and
     * column, with the parser's own message.
     *
     * @param code the reader's parse-error code, e.g. {@code OPENAPI_PARSE_ERROR}
     * @param file the contract as shown in diagnostics
     * @param e what the parser threw
     * @return an error diagnostic
     */
    public static Diagnostic parseError(String code, String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return Diagnostic.error(code,
                new SourceLocation(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), ""),
                e.getOriginalMessage());
    }

    /** Parses {@code text}, or returns {@code null} when it is malformed. */
    public static JsonNode parseOrNull(String text) {
        try {
            return parse(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
