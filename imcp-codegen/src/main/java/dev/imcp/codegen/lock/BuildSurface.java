package dev.imcp.codegen.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an adapter publishes, per service: the contract it comes from (path and SHA-256) and each tool exactly as
 * {@code tools/list} publishes it. The build's surface joins two generated files: {@code tools.json} (the published
 * entries, written by {@link dev.imcp.descriptor.PublishedTool}) and {@code adapter.json} (which service publishes
 * which tools from which contract); a lockfile holds a surface recorded earlier.
 *
 * @param services per service id, in id order
 */
public record BuildSurface(Map<String, Service> services) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One service.
     *
     * @param contract the contract file as the build shows it (relative to the project, {@code /}-separated)
     * @param sha256 the SHA-256 of the contract file's bytes, lower-case hex
     * @param tools per tool name, in name order, the {@code tools/list} entry (owned by this record: do not change)
     */
    public record Service(String contract, String sha256, Map<String, ObjectNode> tools) {

        /** Checks the components and keeps the tools in name order. */
        public Service {
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(sha256, "sha256");
            tools = Collections.unmodifiableMap(new TreeMap<>(tools));
        }
    }

    /** Keeps the services in id order. */
    public BuildSurface {
        services = Collections.unmodifiableMap(new TreeMap<>(services));
    }

    /** Returns every tool's service, by tool name (tool names are unique across an adapter's services). */
    public Map<String, String> serviceOfTool() {
        Map<String, String> owners = new TreeMap<>();
        services.forEach((id, s) -> s.tools().keySet().forEach(t -> owners.put(t, id)));
        return owners;
    }

    /** Returns how many tools the surface has. */
    public int toolCount() {
        return services.values().stream().mapToInt(s -> s.tools().size()).sum();
    }

    /**
     * Reads the build's surface from the generated {@code adapter.json} (per service the contract file, its SHA-256
     * and its tool names) and {@code tools.json} (each tool's published entry).
     *
     * @param adapterFile the generated {@code META-INF/imcp/adapter.json}
     * @param toolsFile the generated {@code META-INF/imcp/tools.json}
     * @return the surface
     * @throws IOException when a file is missing or unreadable (a {@link NoSuchFileException} names it), or when
     *     the two do not match (a tool named for a service without an entry in {@code tools.json}): both are
     *     generated together, so run the generation again
     */
    public static BuildSurface read(Path adapterFile, Path toolsFile) throws IOException {
        JsonNode contracts = MAPPER.readTree(Files.readAllBytes(adapterFile)).path("contracts");
        JsonNode tools = MAPPER.readTree(Files.readAllBytes(toolsFile));
        Map<String, ObjectNode> entries = new LinkedHashMap<>();
        for (JsonNode entry : tools.path("tools")) {
            entries.put(entry.path("name").asText(), (ObjectNode) entry);
        }
        Map<String, Service> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> s : contracts.properties()) {
            Map<String, ObjectNode> own = new TreeMap<>();
            for (JsonNode name : s.getValue().path("tools")) {
                ObjectNode entry = entries.get(name.asText());
                if (entry == null) {
                    throw new IOException(toolsFile + " has no entry for tool '" + name.asText() + "' of service '"
                            + s.getKey() + "' named in " + adapterFile
                            + "; the generated files are out of step: run the build again (mvn clean verify)");
                }
                own.put(name.asText(), entry);
            }
            out.put(s.getKey(), new Service(s.getValue().path("file").asText(), s.getValue().path("sha256").asText(), own));
        }
        return new BuildSurface(out);
    }
}
