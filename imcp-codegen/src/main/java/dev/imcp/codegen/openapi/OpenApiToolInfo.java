package dev.imcp.codegen.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.NameSource;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.read.HttpToolHints;
import dev.imcp.codegen.read.JsonLocator;
import dev.imcp.codegen.select.ToolOverride;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.util.Locale;
import java.util.Map;

/**
 * What an OpenAPI operation says about its tool, apart from arguments and result: the requested tool name, the
 * title and description, and the annotation hints; and whether the contract leaves it out ({@code x-mcp: false}).
 *
 * <p>Name, first found: the configuration's {@code <tool><name>}; the operation's {@code x-mcp-name}; its
 * {@code operationId}; else its method and path ({@code get /pets/{petId}}, which the naming pass turns into
 * {@code get_pets_petId}).
 *
 * <p>Text: the operation's {@code summary} and {@code description} ("Operation Object"); when it has neither, those
 * of its path item ("Path Item Object"); when that has neither, the method and path ({@code GET /pets/{petId}}).
 * With both a summary and a description, the summary is the MCP {@code title} and the description is the summary,
 * a blank line and the description (the summary alone when the description already starts with it), because
 * many clients show the model only the description. With one of them, it is the description and there is no title.
 *
 * <p>Hints: {@link HttpToolHints#forMethod} for the method, then the operation's {@code x-mcp-annotations} (an
 * object of MCP hint names to booleans), then the configuration's.
 *
 * <p>A malformed extension ({@code x-mcp} not a boolean, {@code x-mcp-name} not a string, an unknown or non-boolean
 * hint) is the warning {@code OPENAPI_EXTENSION_INVALID} at the extension, and is ignored.
 *
 * @param name the requested tool name
 * @param nameSource where {@code name} comes from
 * @param title the MCP title, or {@code null}
 * @param description the description, never {@code null}
 * @param annotations the hints
 */
record OpenApiToolInfo(String name, NameSource nameSource, String title, String description,
        Map<String, Boolean> annotations) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Returns the tool parts of an operation.
     *
     * @param path the path template
     * @param item the path item
     * @param method the HTTP method, upper case
     * @param op the operation
     * @param override the configuration's settings for it, or {@code null}
     * @param pointer the operation's JSON pointer
     * @param locator locates extensions for warnings
     * @param diagnostics where malformed extensions are reported
     * @return the parts
     */
    static OpenApiToolInfo of(String path, PathItem item, String method, Operation op, ToolOverride override,
            String pointer, JsonLocator locator, Diagnostics diagnostics) {
        String name;
        NameSource source;
        String extensionName = extension(op.getExtensions(), "x-mcp-name", String.class, pointer, locator, diagnostics);
        if (override != null && override.name() != null) {
            name = override.name();
            source = NameSource.CONFIGURATION;
        } else if (extensionName != null && !extensionName.isBlank()) {
            name = extensionName.strip();
            source = NameSource.EXTENSION;
        } else if (blankToNull(op.getOperationId()) != null) {
            name = op.getOperationId();
            source = NameSource.OPERATION_ID;
        } else {
            name = method.toLowerCase(Locale.ROOT) + " " + path;
            source = NameSource.METHOD_AND_PATH;
        }

        String summary = blankToNull(op.getSummary());
        String description = blankToNull(op.getDescription());
        if (summary == null && description == null) {
            summary = blankToNull(item.getSummary());
            description = blankToNull(item.getDescription());
        }
        String title = summary != null && description != null ? summary : null;
        if (summary == null && description == null) {
            description = method + " " + path;
        } else if (description == null) {
            description = summary;
        } else if (summary != null && !startsWith(description, summary)) {
            description = summary + "\n\n" + description;
        }

        Map<String, Boolean> hints = HttpToolHints.forMethod(method);
        Map<?, ?> given = extension(op.getExtensions(), "x-mcp-annotations", Map.class, pointer, locator, diagnostics);
        if (given != null) {
            for (Map.Entry<?, ?> e : given.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (OperationModel.ANNOTATION_HINTS.contains(key) && e.getValue() instanceof Boolean b) {
                    hints.put(key, b);
                } else {
                    diagnostics.add(Diagnostic.warning("OPENAPI_EXTENSION_INVALID",
                                    locator.locate(JsonLocator.pointer(pointer + "/x-mcp-annotations", key)),
                                    "x-mcp-annotations entry '" + key + "' is ignored: it must be one of "
                                            + String.join(", ", new java.util.TreeSet<>(OperationModel.ANNOTATION_HINTS))
                                            + " with a boolean value")
                            .withFix("write e.g. x-mcp-annotations: {readOnlyHint: true}"));
                }
            }
        }
        if (override != null) {
            hints.putAll(override.annotations());
        }
        return new OpenApiToolInfo(name, source, title, description.strip(), hints);
    }

    /**
     * Returns why the contract leaves the operation out, or {@code null}: {@code x-mcp: false} on the operation, or
     * on its path item when the operation does not say {@code x-mcp: true}.
     *
     * @param item the path item
     * @param op the operation
     * @param pointer the operation's JSON pointer
     * @param locator locates extensions for warnings
     * @param diagnostics where malformed extensions are reported
     * @return the reason, or {@code null} when the contract publishes it
     */
    static String excludedByContract(PathItem item, Operation op, String pointer, JsonLocator locator,
            Diagnostics diagnostics) {
        Boolean onOperation = extension(op.getExtensions(), "x-mcp", Boolean.class, pointer, locator, diagnostics);
        if (onOperation != null) {
            return onOperation ? null : "the operation says x-mcp: false";
        }
        String itemPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        Boolean onItem = extension(item.getExtensions(), "x-mcp", Boolean.class, itemPointer, locator, diagnostics);
        return Boolean.FALSE.equals(onItem) ? "its path item says x-mcp: false" : null;
    }

    /** Returns extension {@code name} as a {@code type}, {@code null} when absent or (with a warning) of another type. */
    private static <T> T extension(Map<String, Object> extensions, String name, Class<T> type, String pointer,
            JsonLocator locator, Diagnostics diagnostics) {
        Object value = extensions == null ? null : plain(extensions.get(name));
        if (value == null) {
            return null;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        diagnostics.add(Diagnostic.warning("OPENAPI_EXTENSION_INVALID", locator.locate(pointer + "/" + name),
                name + " is ignored: it must be " + (type == Boolean.class ? "true or false"
                        : type == String.class ? "a string" : "an object") + ", not " + value));
        return null;
    }

    /** Returns an extension's value as plain Java (swagger-parser keeps some as Jackson trees). */
    private static Object plain(Object value) {
        return value instanceof JsonNode node ? MAPPER.convertValue(node, Object.class) : value;
    }

    private static boolean startsWith(String description, String summary) {
        String stem = summary.endsWith(".") ? summary.substring(0, summary.length() - 1) : summary;
        return description.toLowerCase(Locale.ROOT).startsWith(stem.toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
