package dev.imcp.codegen.lock;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The lockfile {@code imcp:lock} writes ({@code src/main/contracts/imcp.lock.json}): the adapter's published surface
 * when it was last accepted, which {@code imcp:check} compares every build with. Layout (version 1), diff-friendly
 * with one tool per line:
 * <pre>
 * {
 *   "lockfileVersion": 1,
 *   "generatedBy": "iMCP 0.1.0",
 *   "projectVersion": "1.4.0",
 *   "services": {
 *     "petstore": {
 *       "contract": "src/main/contracts/petstore.yaml",
 *       "sha256": "9f2c...",
 *       "tools": [
 *         {"name":"listPets","description":"...","inputSchema":{...},"annotations":{...}},
 *         ...
 *       ]
 *     }
 *   }
 * }
 * </pre>
 * Each tool is its {@code tools/list} entry as the newest MCP revision publishes it ({@link
 * dev.imcp.descriptor.PublishedTool}); {@code projectVersion} is the Maven project version the lock was taken at,
 * which decides whether a breaking change comes with a new major version.
 *
 * @param version the lockfile format version ({@link #VERSION} when written by this iMCP)
 * @param generatedBy which iMCP wrote it, e.g. {@code iMCP 0.1.0}
 * @param projectVersion the project version when it was written
 * @param surface the recorded surface
 */
public record Lockfile(int version, String generatedBy, String projectVersion, BuildSurface surface) {

    /** The format version this iMCP reads and writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Checks the components. */
    public Lockfile {
        Objects.requireNonNull(generatedBy, "generatedBy");
        Objects.requireNonNull(projectVersion, "projectVersion");
        Objects.requireNonNull(surface, "surface");
    }

    /**
     * Returns the lockfile's text: the layout in the class comment, {@code \n} line ends, services in id order and
     * tools in name order, so the same surface always gives the same bytes.
     */
    public String text() {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(text).setRootValueSeparator(null)) {
            g.writeRaw("{\n  \"lockfileVersion\": " + version + ",\n  \"generatedBy\": ");
            g.writeString(generatedBy);
            g.writeRaw(",\n  \"projectVersion\": ");
            g.writeString(projectVersion);
            g.writeRaw(",\n  \"services\": {");
            int s = 0;
            for (Map.Entry<String, BuildSurface.Service> e : surface.services().entrySet()) {
                g.writeRaw(s++ == 0 ? "\n    " : ",\n    ");
                g.writeString(e.getKey());
                g.writeRaw(": {\n      \"contract\": ");
                g.writeString(e.getValue().contract());
                g.writeRaw(",\n      \"sha256\": ");
                g.writeString(e.getValue().sha256());
                g.writeRaw(",\n      \"tools\": [");
                int t = 0;
                for (ObjectNode tool : e.getValue().tools().values()) {
                    g.writeRaw(t++ == 0 ? "\n        " : ",\n        ");
                    g.writeRaw(MAPPER.writeValueAsString(tool));
                }
                g.writeRaw(t == 0 ? "]\n    }" : "\n      ]\n    }");
            }
            g.writeRaw(s == 0 ? "}\n}\n" : "\n  }\n}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Reads a lockfile.
     *
     * @param text its text
     * @param file its path as shown in errors
     * @param readerVersion this iMCP's version, named when the lockfile is newer
     * @return the lockfile
     * @throws LockfileException {@code LOCK_INVALID} with the line and column when the text is not JSON or not the
     *     layout above; {@code LOCK_VERSION} when a newer iMCP wrote it (its {@code lockfileVersion} is above
     *     {@link #VERSION}), naming that iMCP
     */
    public static Lockfile read(String text, String file, String readerVersion) throws LockfileException {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, file, "a lockfile is a JSON object");
            Integer version = null;
            String generatedBy = null;
            String projectVersion = null;
            Map<String, BuildSurface.Service> services = null;
            JsonLocation versionAt = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                JsonToken value = p.nextToken();
                switch (member) {
                    case "lockfileVersion" -> {
                        versionAt = p.currentTokenLocation();
                        expect(p, value, JsonToken.VALUE_NUMBER_INT, file, "\"lockfileVersion\" must be an integer");
                        version = p.getIntValue();
                    }
                    case "generatedBy" -> generatedBy = string(p, value, file, member);
                    case "projectVersion" -> projectVersion = string(p, value, file, member);
                    case "services" -> services = services(p, value, file);
                    default -> p.skipChildren(); // members a later iMCP may add are ignored
                }
            }
            if (p.nextToken() != null) {
                throw invalid(file, p.currentTokenLocation(), "text after the lockfile's closing brace");
            }
            if (version == null) {
                throw new LockfileException(file, 1, 1, "LOCK_INVALID",
                        "no \"lockfileVersion\": this is not a lockfile written by imcp:lock (run mvn imcp:lock)");
            }
            if (version > VERSION) {
                throw new LockfileException(file, versionAt.getLineNr(), versionAt.getColumnNr(), "LOCK_VERSION",
                        "written by " + (generatedBy == null ? "a newer iMCP" : generatedBy) + " (lockfile version "
                                + version + "); this iMCP (" + readerVersion + ") reads lockfile version " + VERSION
                                + ": upgrade imcp-maven-plugin to the version that wrote it or later");
            }
            if (services == null || projectVersion == null) {
                throw new LockfileException(file, 1, 1, "LOCK_INVALID", "missing \""
                        + (services == null ? "services" : "projectVersion") + "\": run mvn imcp:lock to write it anew");
            }
            return new Lockfile(version, generatedBy == null ? "unknown" : generatedBy, projectVersion,
                    new BuildSurface(services));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new LockfileException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "LOCK_INVALID", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String
        }
    }

    private static Map<String, BuildSurface.Service> services(JsonParser p, JsonToken value, String file)
            throws IOException, LockfileException {
        expect(p, value, JsonToken.START_OBJECT, file, "\"services\" must be an object of service ids");
        Map<String, BuildSurface.Service> services = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            expect(p, p.nextToken(), JsonToken.START_OBJECT, file, "service \"" + id + "\" must be an object");
            String contract = null;
            String sha256 = null;
            Map<String, ObjectNode> tools = new TreeMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                JsonToken v = p.nextToken();
                switch (member) {
                    case "contract" -> contract = string(p, v, file, member);
                    case "sha256" -> sha256 = string(p, v, file, member);
                    case "tools" -> {
                        expect(p, v, JsonToken.START_ARRAY, file, "\"tools\" of \"" + id + "\" must be an array");
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            JsonLocation at = p.currentTokenLocation();
                            expect(p, p.currentToken(), JsonToken.START_OBJECT, file, "a tool must be an object");
                            JsonNode tool = MAPPER.readTree(p);
                            if (!tool.path("name").isTextual() || !tool.path("inputSchema").isObject()) {
                                throw invalid(file, at, "a tool needs a \"name\" and an \"inputSchema\" object");
                            }
                            if (tools.put(tool.get("name").asText(), (ObjectNode) tool) != null) {
                                throw invalid(file, at, "tool \"" + tool.get("name").asText() + "\" is listed twice");
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            services.put(id, new BuildSurface.Service(contract == null ? "(unknown)" : contract,
                    sha256 == null ? "" : sha256, tools));
        }
        return services;
    }

    private static String string(JsonParser p, JsonToken value, String file, String member)
            throws IOException, LockfileException {
        expect(p, value, JsonToken.VALUE_STRING, file, "\"" + member + "\" must be a string");
        return p.getText();
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, String file, String what)
            throws LockfileException {
        if (actual != wanted) {
            throw invalid(file, p.currentTokenLocation(), what);
        }
    }

    private static LockfileException invalid(String file, JsonLocation at, String what) {
        return new LockfileException(file, at.getLineNr(), at.getColumnNr(), "LOCK_INVALID", what);
    }
}
