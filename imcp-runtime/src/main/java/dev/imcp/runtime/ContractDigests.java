package dev.imcp.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.spi.ServiceDescriptor;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which contract each service was generated from: the SHA-256 of the contract file's bytes and its name, as the
 * generated {@link ServiceDescriptor}s carry them ({@link ServiceDescriptor#contractSha256()},
 * {@link ServiceDescriptor#contractFile()}). The adapter publishes them, so that a client, an operator and an
 * auditor can each tell which contract answered:
 * <ul>
 *   <li>{@code _meta["dev.imcp/contracts"]} of the {@code initialize} result (every revision) and of the 2026-07-28
 *       {@code server/discover} result: {@code {"<service>": {"file": "...", "sha256": "<64 hex>"}}} ({@code file}
 *       left out when the provider does not name it);</li>
 *   <li>the start-up log line: {@code contracts <service> <first 12 hex>, ...};</li>
 *   <li>every audit event: {@code contract_sha256} of the called tool's service.</li>
 * </ul>
 */
final class ContractDigests {

    /** The {@code _meta} key of the contracts, under the {@code dev.imcp/} prefix (MCP "General fields", {@code _meta}). */
    static final String META_KEY = "dev.imcp/contracts";

    /** How many hex digits of a hash the start-up line shows (48 bits: enough to tell builds apart by eye). */
    static final int SHORT_HASH = 12;

    private final Map<String, ServiceDescriptor> services;

    /**
     * @param services the descriptors of every provider (a service id appears once: the runtime refuses two tools
     *     of one name, and a service id is a contract's package)
     */
    ContractDigests(List<ServiceDescriptor> services) {
        Map<String, ServiceDescriptor> byId = new TreeMap<>();
        for (ServiceDescriptor s : services) {
            byId.put(s.id(), s);
        }
        this.services = Collections.unmodifiableMap(byId);
    }

    /** Returns the SHA-256 of the contract of service {@code id}, or {@code null} for an unknown or unhashed one. */
    String sha256(String id) {
        ServiceDescriptor s = id == null ? null : services.get(id);
        return s == null ? null : s.contractSha256();
    }

    /**
     * Returns the members of the {@code _meta} of the {@code initialize} and {@code server/discover} results:
     * {@code {"dev.imcp/contracts": {...}}} sorted by service id, or an empty object when no service names a hash.
     */
    ObjectNode meta(ObjectMapper mapper) {
        ObjectNode meta = mapper.createObjectNode();
        ObjectNode contracts = mapper.createObjectNode();
        for (ServiceDescriptor s : services.values()) {
            if (s.contractSha256() == null) {
                continue;
            }
            ObjectNode entry = contracts.putObject(s.id());
            if (s.contractFile() != null) {
                entry.put("file", s.contractFile());
            }
            entry.put("sha256", s.contractSha256());
        }
        if (!contracts.isEmpty()) {
            meta.set(META_KEY, contracts);
        }
        return meta;
    }

    /**
     * Returns the start-up line's part naming the contracts, {@code contracts greeter 1a2b3c4d5e6f, petstore
     * 598136cb904e} (sorted by service id, the first {@value #SHORT_HASH} hex digits of each hash), or an empty
     * string when no service names a hash.
     */
    String summary() {
        String listed = services.values().stream()
                .filter(s -> s.contractSha256() != null)
                .map(s -> s.id() + " " + s.contractSha256().substring(0, Math.min(SHORT_HASH, s.contractSha256().length())))
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "" : "contracts " + listed;
    }
}
