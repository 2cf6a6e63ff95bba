package dev.imcp.codegen.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.codegen.model.ContractKind;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Detects a contract's kind from its content, and derives service ids from file names.
 *
 * <p>Detection looks at the document, never at the file name: XML whose root element is a WSDL
 * {@code definitions} is {@link ContractKind#WSDL}; a JSON or YAML object with an {@code openapi} or
 * {@code swagger} key is {@link ContractKind#OPENAPI}; a JSON object with a {@code tools} array is
 * {@link ContractKind#MCP_JSON}. A document that does not parse is classified by the same keys
 * found textually, so its reader can report the syntax error with its line.
 */
public final class ContractKinds {

    private static final Pattern OPENAPI_KEY = Pattern.compile("(?m)^\\s*[\"']?(?:openapi|swagger)[\"']?\\s*:");
    private static final Pattern TOOLS_KEY = Pattern.compile("\"tools\"\\s*:\\s*\\[");
    private static final Pattern EXTENSION = Pattern.compile(
            "(?i)(\\.mcp)?\\.(json|ya?ml|wsdl|xml)$");

    /** The kinds iMCP reads and how each is recognized, for messages about files of no known kind. */
    public static final String ACCEPTED = "WSDL 1.1 (XML with a wsdl:definitions root), OpenAPI 2.0/3.0/3.1/3.2 "
            + "(JSON or YAML with an 'openapi' or 'swagger' key) and MCP JSON (a JSON object with a 'tools' array)";

    private ContractKinds() {
    }

    /**
     * Says what a document of no known kind looks like, for the {@code CONTRACT_UNKNOWN_KIND} message.
     *
     * @param text the file's content
     * @return e.g. {@code "an XML Schema (XSD), not a contract"}
     */
    public static String describeUnknown(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String trimmed = t.strip();
        if (trimmed.isEmpty()) {
            return "an empty file, not a contract";
        }
        if (trimmed.startsWith("<")) {
            String root = XmlProlog.rootLocalName(t);
            if ("description".equals(root)) {
                return "a WSDL 2.0 document ('description' root), which iMCP does not read; stacks that publish "
                        + "WSDL 2.0 publish WSDL 1.1 too (Axis2: ?wsdl2 and ?wsdl), and that is the contract to use";
            }
            return "schema".equals(root) ? "an XML Schema (XSD), not a contract"
                    : "an XML document without a WSDL 1.1 'definitions' root, not a contract";
        }
        JsonNode root = RawDocuments.parseOrNull(t);
        if (root != null && root.isObject()) {
            return "a JSON or YAML document with neither an 'openapi'/'swagger' key nor a 'tools' array, not a contract";
        }
        return "not a WSDL 1.1, OpenAPI 2.0/3.x or MCP JSON contract";
    }

    /**
     * Returns the kind of the contract {@code text}, or empty when it is none iMCP reads.
     *
     * @param text the contract's content
     * @return the kind, or empty
     */
    public static Optional<ContractKind> detect(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String trimmed = t.strip();
        if (trimmed.startsWith("<")) {
            return "definitions".equals(XmlProlog.rootLocalName(t)) ? Optional.of(ContractKind.WSDL) : Optional.empty();
        }
        JsonNode root = RawDocuments.parseOrNull(t);
        if (root != null) {
            if (!root.isObject()) {
                return Optional.empty();
            }
            if (root.has("openapi") || root.has("swagger")) {
                return Optional.of(ContractKind.OPENAPI);
            }
            if (trimmed.startsWith("{") && root.path("tools").isArray()) {
                return Optional.of(ContractKind.MCP_JSON);
            }
            return Optional.empty();
        }
        // Malformed: classify by the keys found textually so the reader reports the syntax error.
        if (OPENAPI_KEY.matcher(t).find()) {
            return Optional.of(ContractKind.OPENAPI);
        }
        if (trimmed.startsWith("{") && TOOLS_KEY.matcher(t).find()) {
            return Optional.of(ContractKind.MCP_JSON);
        }
        return Optional.empty();
    }

    /**
     * Derives a service id from a contract file name: extensions ({@code .yaml}, {@code .yml},
     * {@code .json}, {@code .mcp.json}, {@code .wsdl}, {@code .xml}) stripped, lower-cased, every
     * character that is not a letter or digit replaced by {@code _}, and {@code _} prefixed when the
     * result starts with a digit.
     *
     * @param fileName the file name, without directories
     * @return a lower-case Java identifier, e.g. {@code petstore} for {@code petstore.yaml}
     */
    public static String serviceId(String fileName) {
        String stem = EXTENSION.matcher(fileName).replaceFirst("");
        if (stem.isEmpty()) {
            stem = "service";
        }
        String id = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (Character.isDigit(id.charAt(0))) {
            id = "_" + id;
        }
        // It becomes a package segment: a keyword ("default.yaml", "new.wsdl") would not compile.
        return dev.imcp.codegen.model.Names.isKeyword(id) || id.equals("_") ? id + "_" : id;
    }
}
