package dev.imcp.runtime.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Lets an environment variable set any configuration key, whatever its case and whether it holds {@code _}, {@code -}
 * or {@code .}.
 *
 * <p>Helidon 4.3's own mapping ({@link ConfigSources#environmentVariables()}, {@code io.helidon.config.EnvironmentVariables})
 * only turns each {@code _} of a variable into {@code .} (and {@code _dash_} into {@code -}) and adds a lower-cased
 * copy: {@code SAMPLE_EMBEDDED_UPSTREAMS} becomes {@code sample.embedded.upstreams}, never
 * {@code sample.embedded-upstreams}, and {@code IMCP_SERVICES_HELLO_WORLD_PORTS_SOAPPORT_URL} never reaches
 * {@code imcp.services.hello_world.ports.SoapPort.url}. Here a variable is instead compared with the keys the
 * configuration has (the leaves of its files and in-memory sources) and the keys the adapter reads (see
 * {@code ImcpServer.keys}): it names a key when both are equal after upper-casing and turning every {@code .},
 * {@code -} and {@code _} into {@code _}. Such a variable sets that key above every other source. Variables that
 * name no known key keep Helidon's mapping, one level lower, so anything that worked before still does.
 */
public final class EnvironmentKeys {

    private EnvironmentKeys() {
    }

    /**
     * Builds a configuration from {@code sources} under the environment. Precedence, highest first: the variables of
     * {@code env} that name a key of {@code sources} or {@code knownKeys} (by the rule of this class), Helidon's
     * mapping of the other variables, the system properties, then {@code sources} in the given order. Placeholders
     * such as {@code ${LOG_DIR}} in the sources still resolve against the whole result.
     *
     * @param env the environment, variable name to value ({@link System#getenv()}; a test passes its own)
     * @param knownKeys keys the adapter reads whether or not a source has them ({@code imcp.services.<id>.url}, ...)
     * @param sources the configuration files and maps, highest precedence first
     * @return the configuration
     * @throws IllegalArgumentException when a variable names two different keys (the message names the variable
     *     and both keys)
     */
    @SafeVarargs
    public static Config create(Map<String, String> env, Collection<String> knownKeys,
            Supplier<? extends ConfigSource>... sources) {
        Config files = Config.just(sources);
        List<String> keys = new ArrayList<>(knownKeys);
        files.traverse().filter(Config::isLeaf).forEach(node -> keys.add(node.key().toString()));
        Map<String, String> named = keysNamed(env, keys);
        Map<String, String> resolved = new LinkedHashMap<>();
        named.forEach((variable, key) -> resolved.put(key, env.get(variable)));
        // A variable that named a key is not mapped again: Helidon's lower-cased copy would add a key nobody set
        // (imcp.services.hello_world.ports.soapport.url, a port that does not exist).
        Map<String, String> others = new LinkedHashMap<>(env);
        others.keySet().removeAll(named.keySet());
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(List.of(ConfigSources.create(resolved).name("environment variables naming known keys"),
                        ConfigSources.create(io.helidon.config.EnvironmentVariables.expand(others))
                                .name("other environment variables"),
                        ConfigSources.systemProperties(),
                        () -> ConfigSources.create(files)))
                .build();
    }

    /**
     * Returns the value each key gets from {@code env}: for every variable that names one of {@code keys}, that key
     * and the variable's value.
     *
     * @param env variable name to value
     * @param keys configuration keys, e.g. {@code imcp.services.hello_world.ports.SoapPort.url}
     * @return key to value
     * @throws IllegalArgumentException when a variable of {@code env} names two different keys
     */
    public static Map<String, String> resolve(Map<String, String> env, Collection<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        keysNamed(env, keys).forEach((variable, key) -> out.put(key, env.get(variable)));
        return out;
    }

    /** Returns, for each variable of {@code env} that names one of {@code keys}, that key, by variable name. */
    private static Map<String, String> keysNamed(Map<String, String> env, Collection<String> keys) {
        Map<String, TreeSet<String>> byName = new LinkedHashMap<>();
        for (String key : keys) {
            byName.computeIfAbsent(normalize(key), n -> new TreeSet<>()).add(key);
        }
        Map<String, String> out = new java.util.TreeMap<>();
        for (String variable : env.keySet()) {
            TreeSet<String> named = byName.get(normalize(variable));
            if (named == null) {
                continue;
            }
            if (named.size() > 1) {
                throw new IllegalArgumentException("Environment variable " + variable + " names both "
                        + named.first() + " and " + named.higher(named.first())
                        + ": set the key in a configuration file or a system property instead");
            }
            out.put(variable, named.first());
        }
        return out;
    }

    /** Upper case, with {@code .}, {@code -} and {@code _} all {@code _}. */
    static String normalize(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
