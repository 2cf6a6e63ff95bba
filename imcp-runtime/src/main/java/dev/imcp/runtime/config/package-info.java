/**
 * Typed view of the runtime's Helidon configuration.
 *
 * <p>{@link dev.imcp.runtime.config.RuntimeConfig#from(io.helidon.config.Config)} reads the {@code imcp}
 * node once at start-up into immutable records: {@code imcp.server-name} and {@code imcp.server-version}
 * (resolved with {@code META-INF/imcp/adapter.json} by {@link dev.imcp.runtime.config.ServerInfo}),
 * {@code imcp.auth.api-keys}
 * (list of {@code name} + {@code sha256}), {@code imcp.audit.file}, {@code imcp.allowed-origins} and
 * {@code imcp.services.<id>} ({@code url}, {@code ports.<PortName>.url}, {@code auth.type|token|username|password},
 * {@code headers}, {@code timeout-seconds}, {@code max-response-bytes}, {@code tools.allow}, {@code tools.deny}). Environment variables
 * override the YAML through Helidon's environment-variable mapping, e.g.
 * {@code IMCP_SERVICES_PETSTORE_URL} sets {@code imcp.services.petstore.url}.
 *
 * <p>A malformed value fails start-up with an {@link java.lang.IllegalArgumentException} naming the key
 * and the allowed values; configured secrets are never part of any message.
 */
package dev.imcp.runtime.config;
