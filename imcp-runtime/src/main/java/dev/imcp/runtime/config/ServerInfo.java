package dev.imcp.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Objects;
import java.util.Properties;

/**
 * The adapter's own name and version: the {@code serverInfo} of the MCP {@code initialize} result (MCP "Lifecycle",
 * {@code Implementation}) and the name in the start-up log line.
 *
 * <p>Each of the two is resolved on its own, first match wins:
 * <ol>
 *   <li>configuration: {@code imcp.server-name}, {@code imcp.server-version} ({@link RuntimeConfig});</li>
 *   <li>the class-path resource {@value #ADAPTER_RESOURCE}, which the iMCP Maven plugin writes into every adapter
 *       as {@code {"name": "<artifactId>", "version": "<version>"}}; when several jars hold one, the class
 *       loader's first wins;</li>
 *   <li>{@value #DEFAULT_NAME} and the version of {@code imcp-runtime}.</li>
 * </ol>
 *
 * @param name the adapter's name, never blank
 * @param version the adapter's version, never blank
 */
public record ServerInfo(String name, String version) {

    /** The class-path resource the iMCP Maven plugin writes with the adapter project's artifactId and version. */
    public static final String ADAPTER_RESOURCE = "META-INF/imcp/adapter.json";

    /** The name used when neither configuration nor {@value #ADAPTER_RESOURCE} gives one. */
    public static final String DEFAULT_NAME = "imcp-adapter";

    /** The runtime version reported when the build did not record one. */
    public static final String UNKNOWN_VERSION = "unknown";

    /**
     * Checks that both components are present and not blank.
     *
     * @throws IllegalArgumentException when {@code name} or {@code version} is blank
     */
    public ServerInfo {
        if (Objects.requireNonNull(name, "name").isBlank() || Objects.requireNonNull(version, "version").isBlank()) {
            throw new IllegalArgumentException("serverInfo name and version must not be blank");
        }
    }

    /**
     * Resolves the adapter's name and version.
     *
     * @param config the runtime settings holding {@code imcp.server-name} and {@code imcp.server-version}
     * @param loader where {@value #ADAPTER_RESOURCE} is looked up (usually the adapter's class loader)
     * @return the name and version, each from the first source that has it
     * @throws IllegalStateException when {@value #ADAPTER_RESOURCE} exists but cannot be read, is not a JSON object,
     *     or has a {@code name} or {@code version} that is not a non-blank string (the message names its URL); a
     *     missing resource or a missing member is not an error
     */
    public static ServerInfo resolve(RuntimeConfig config, ClassLoader loader) {
        String name = config.serverName();
        String version = config.serverVersion();
        if (name == null || version == null) {
            String[] adapter = readAdapterResource(loader);
            name = name != null ? name : adapter[0];
            version = version != null ? version : adapter[1];
        }
        return new ServerInfo(name != null ? name : DEFAULT_NAME, version != null ? version : runtimeVersion());
    }

    /**
     * Returns the version of {@code imcp-runtime}, recorded at build time (an adapter's fat jar keeps no manifest
     * of ours to read {@code Implementation-Version} from).
     *
     * @return the Maven project version of {@code imcp-runtime}, e.g. {@code 0.1.0}, or {@value #UNKNOWN_VERSION}
     *     when the runtime's classes were built without Maven's resource filtering (some IDE builds)
     */
    public static String runtimeVersion() {
        Properties p = new Properties();
        try (InputStream in = ServerInfo.class.getResourceAsStream("/dev/imcp/runtime/runtime.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // A version string is not worth refusing to start over.
            return UNKNOWN_VERSION;
        }
        String version = p.getProperty("version", "");
        return version.isBlank() || version.startsWith("${") ? UNKNOWN_VERSION : version;
    }

    /** Returns {name, version} from the adapter resource; an absent resource or member is {@code null}. */
    private static String[] readAdapterResource(ClassLoader loader) {
        URL url = loader.getResource(ADAPTER_RESOURCE);
        if (url == null) {
            return new String[2];
        }
        JsonNode node;
        try (InputStream in = url.openStream()) {
            node = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(ADAPTER_RESOURCE + " (" + url + ") is not readable JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalStateException(ADAPTER_RESOURCE + " (" + url + ") must be a JSON object with "
                    + "\"name\" and \"version\"");
        }
        return new String[] {member(node, "name", url), member(node, "version", url)};
    }

    private static String member(JsonNode adapter, String member, URL url) {
        JsonNode value = adapter.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalStateException(ADAPTER_RESOURCE + " (" + url + "): \"" + member
                    + "\" must be a non-blank string, found " + value);
        }
        return value.textValue();
    }
}
