package dev.imcp.runtime.security;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller of one request. Immutable.
 *
 * @param name the API key's configured name, a JWT's {@code sub} claim, or {@link #ANONYMOUS_NAME} when
 *     authentication is off; the actor of audit events
 * @param roles the caller's roles: an API key's configured {@code roles}, or the values of a JWT's
 *     {@code imcp.auth.jwt.roles-claim}; empty when none
 * @param scopes the caller's OAuth scopes: an API key's configured {@code scopes}, or a JWT's {@code scope}
 *     (space-separated, RFC 8693 section 4.2) or {@code scp} claim; empty when none
 * @param kind how the caller was authenticated
 * @param tenant the caller's tenant, which selects the upstream credential set of services with
 *     {@code imcp.services.<id>.tenants}: an API key's configured {@code tenant}, or the value of a JWT's
 *     {@code imcp.auth.jwt.tenant-claim}; {@code null} when none
 * @param token the JWT bearer token the caller sent ({@link Kind#JWT} only, else {@code null}), which a service
 *     configured for it forwards or exchanges ({@code auth.type: caller-token} or {@code token-exchange}); never an
 *     API key. Not part of {@link #toString()}
 */
public record Caller(String name, Set<String> roles, Set<String> scopes, Kind kind, String tenant, String token) {

    /** The actor name used when authentication is disabled. */
    public static final String ANONYMOUS_NAME = "anonymous";

    /** The caller when authentication is disabled. */
    public static final Caller ANONYMOUS = new Caller(ANONYMOUS_NAME);

    /** How a caller was authenticated. */
    public enum Kind {
        /** No authentication: authentication is off, or the transport is local (stdio, in-process). */
        LOCAL,
        /** An API key of {@code imcp.auth.api-keys}. */
        API_KEY,
        /** A JWT bearer token of {@code imcp.auth.jwt}. */
        JWT
    }

    /** Checks that the values are present and copies the sets. */
    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        if (token != null && kind != Kind.JWT) {
            throw new IllegalArgumentException("only a JWT caller carries its token");
        }
    }

    /**
     * A caller without tenant or token.
     *
     * @param name the caller's name
     * @param roles the caller's roles
     * @param scopes the caller's scopes
     * @param kind how the caller was authenticated
     */
    public Caller(String name, Set<String> roles, Set<String> scopes, Kind kind) {
        this(name, roles, scopes, kind, null, null);
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "Caller[name=" + name + ", roles=" + roles + ", scopes=" + scopes + ", kind=" + kind
                + (tenant == null ? "" : ", tenant=" + tenant) + "]";
    }

    /**
     * A caller without roles or scopes, authenticated locally (see {@link Kind#LOCAL}).
     *
     * @param name the caller's name
     */
    public Caller(String name) {
        this(name, Set.of(), Set.of(), Kind.LOCAL);
    }

    /**
     * Returns the name that owns sessions: {@link #name} for API keys and local callers, {@code jwt:<sub>} for a
     * JWT caller, so that a token's subject never shares sessions with an API key of the same name.
     *
     * @return the owner name
     */
    public String principal() {
        return kind == Kind.JWT ? "jwt:" + name : name;
    }
}
