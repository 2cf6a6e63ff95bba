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
 * name no known key keep Helidon's mapping, one level lower, so anything that worked before still does. The keys of
 * tenants' credential sets are known too ({@link #tenantKeys}): those of tenants a file names, and those of a tenant
 * a variable names in lower case.
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
        return create(env, knownKeys, Config.just(sources));
    }

    /**
     * As {@link #create(Map, Collection, Supplier[])}, over a configuration already built from the files and maps
     * (each Helidon configuration built costs start-up 40 to 60 ms, so one already at hand is not built again).
     *
     * @param env the environment, variable name to value
     * @param knownKeys keys the adapter reads whether or not a source has them
     * @param files the configuration of the files and maps, without environment variables or system properties
     * @return the configuration
     * @throws IllegalArgumentException when a variable names two different keys
     */
    public static Config create(Map<String, String> env, Collection<String> knownKeys, Config files) {
        List<String> keys = new ArrayList<>(knownKeys);
        files.traverse().filter(Config::isLeaf).forEach(node -> keys.add(node.key().toString()));
        keys.addAll(tenantKeys(env, keys));
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

    private static final java.util.regex.Pattern SERVICE_KEY =
            java.util.regex.Pattern.compile("imcp\\.services\\.([^.]+)\\.((?:auth|security)\\..+)");
    private static final java.util.regex.Pattern TENANT_KEY =
            java.util.regex.Pattern.compile("imcp\\.services\\.([^.]+)\\.tenants\\.([^.]+)\\..+");

    /**
     * Returns the keys of tenants' credential sets ({@code imcp.services.<id>.tenants.<tenant>.auth.*} and
     * {@code .security.<scheme>.*}: each key the service itself has under {@code auth} and {@code security}) that a
     * variable of {@code env} may set. For a tenant that {@code keys} name (a file has some key of its set), all of
     * them. For a tenant named only by a variable, e.g. {@code IMCP_SERVICES_ACCT_EU_TENANTS_ACME_AUTH_PASSWORD},
     * the key that variable names, the tenant's name being the variable's segment after {@code TENANTS_} in lower case
     * ({@code acme}): a variable cannot tell a tenant's case, nor whether an {@code _} in it stands for {@code _},
     * {@code -} or {@code .}, so a tenant with capitals or such characters must be named in a file.
     *
     * @throws IllegalArgumentException when a variable's tenant segment holds {@code _} (the message names it)
     */
    static List<String> tenantKeys(Map<String, String> env, Collection<String> keys) {
        Map<String, java.util.Set<String>> suffixes = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> tenants = new LinkedHashMap<>();
        for (String key : keys) {
            java.util.regex.Matcher service = SERVICE_KEY.matcher(key);
            if (service.matches()) {
                suffixes.computeIfAbsent(service.group(1), id -> new java.util.LinkedHashSet<>()).add(service.group(2));
            }
            java.util.regex.Matcher tenant = TENANT_KEY.matcher(key);
            if (tenant.matches()) {
                tenants.computeIfAbsent(tenant.group(1), id -> new java.util.LinkedHashSet<>()).add(tenant.group(2));
            }
        }
        List<String> out = new ArrayList<>();
        tenants.forEach((id, names) -> names.forEach(t -> suffixes.getOrDefault(id, java.util.Set.of())
                .forEach(suffix -> out.add("imcp.services." + id + ".tenants." + t + "." + suffix))));
        for (String variable : env.keySet()) {
            String v = normalize(variable);
            if (v.length() != variable.length()) {
                continue;
            }
            for (Map.Entry<String, java.util.Set<String>> service : suffixes.entrySet()) {
                String head = normalize("imcp.services." + service.getKey() + ".tenants.");
                if (!v.startsWith(head)) {
                    continue;
                }
                Map<String, String> bySuffix = new LinkedHashMap<>();
                service.getValue().forEach(suffix -> bySuffix.put(normalize(suffix), suffix));
                String rest = v.substring(head.length());
                int cut = rest.indexOf('_');
                String suffix = cut <= 0 ? null : bySuffix.get(rest.substring(cut + 1));
                if (suffix == null) {
                    for (int later = cut < 0 ? -1 : rest.indexOf('_', cut + 1); later > 0; later = rest.indexOf('_', later + 1)) {
                        if (bySuffix.containsKey(rest.substring(later + 1))) {
                            throw new IllegalArgumentException("Environment variable " + variable + " does not tell "
                                    + "which tenant of service " + service.getKey() + " it is for: '_' in a tenant may "
                                    + "stand for '_', '-' or '.'. Name the tenant in a configuration file (imcp.services."
                                    + service.getKey() + ".tenants.<tenant>) and its keys can be set from the environment");
                        }
                    }
                    continue;
                }
                String tenant = variable.substring(head.length(), head.length() + cut);
                boolean inFile = tenants.getOrDefault(service.getKey(), java.util.Set.of()).stream()
                        .anyMatch(t -> normalize(t).equals(normalize(tenant)));
                if (!inFile) {
                    out.add("imcp.services." + service.getKey() + ".tenants." + tenant.toLowerCase(Locale.ROOT) + "."
                            + suffix);
                }
            }
        }
        return out;
    }

    /** Upper case, with {@code .}, {@code -} and {@code _} all {@code _}. */
    static String normalize(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
