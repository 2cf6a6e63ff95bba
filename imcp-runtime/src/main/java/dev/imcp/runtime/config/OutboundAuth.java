package dev.imcp.runtime.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Outbound credentials for one upstream, from {@code imcp.services.<id>.auth}.
 *
 * @param type how to authenticate
 * @param token the bearer token ({@link Type#BEARER}), or {@code null}
 * @param username the user name ({@link Type#BASIC}, {@link Type#WS_SECURITY_USERNAME_TOKEN}), or {@code null}
 * @param password the password ({@link Type#BASIC}, {@link Type#WS_SECURITY_USERNAME_TOKEN}), or {@code null}
 * @param passwordType how a UsernameToken carries the password ({@code auth.password-type}, default
 *     {@link PasswordType#DIGEST}); unused by the other types
 * @param nonce whether a UsernameToken with {@link PasswordType#TEXT} carries a {@code wsse:Nonce}
 *     ({@code auth.nonce}); a digest always does
 * @param created whether a UsernameToken with {@link PasswordType#TEXT} carries a {@code wsu:Created}
 *     ({@code auth.created}); a digest always does
 * @param exchange the token exchange settings ({@link Type#TOKEN_EXCHANGE}), else {@code null}
 * @param clientCredentials the OAuth 2.0 client credentials grant ({@link Type#OAUTH2_CLIENT_CREDENTIALS}), else
 *     {@code null}
 * @param apiKey the API key and where it goes ({@link Type#API_KEY}), else {@code null}
 */
public record OutboundAuth(Type type, String token, String username, String password,
        PasswordType passwordType, boolean nonce, boolean created, TokenExchange exchange,
        ClientCredentials clientCredentials, ApiKey apiKey) {

    /** No outbound credentials. */
    public static final OutboundAuth NONE = new OutboundAuth(Type.NONE, null, null, null);

    /** The {@code auth.type} values. */
    public enum Type {
        /** No {@code Authorization} header. */
        NONE("none"),
        /** {@code Authorization: Bearer <token>}. */
        BEARER("bearer"),
        /** {@code Authorization: Basic base64(username:password)} (RFC 7617). */
        BASIC("basic"),
        /**
         * A {@code wsse:Security} SOAP header with a {@code wsse:UsernameToken} (OASIS Web Services Security
         * UsernameToken Profile 1.1), written by Apache WSS4J; SOAP upstreams only.
         */
        WS_SECURITY_USERNAME_TOKEN("ws-security-username-token"),
        /**
         * {@code Authorization: Bearer <the caller's token>}: the JWT the MCP client authenticated with, forwarded
         * as is. Only for services configured so (never by default), and never an API key: a caller without a JWT
         * gets a tool error.
         */
        CALLER_TOKEN("caller-token"),
        /**
         * {@code Authorization: Bearer <token>} with a token the authorization server issues on behalf of the
         * caller in exchange for the caller's JWT (OAuth 2.0 Token Exchange, RFC 8693; {@link TokenExchange}),
         * cached per caller token until it expires.
         */
        TOKEN_EXCHANGE("token-exchange"),
        /**
         * {@code Authorization: Bearer <token>} with a token of the adapter's own, from an OAuth 2.0 client
         * credentials grant (RFC 6749 section 4.4; {@link ClientCredentials}), cached per credential set and renewed
         * before it expires.
         */
        OAUTH2_CLIENT_CREDENTIALS("oauth2-client-credentials"),
        /** A fixed API key in a header, a query parameter or a cookie ({@link ApiKey}). */
        API_KEY("api-key");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /** Returns the configuration value, e.g. {@code ws-security-username-token}. */
        public String value() {
            return value;
        }

        /**
         * Parses a configuration value.
         *
         * @param key the configuration key, for the error message
         * @param value {@code none}, {@code bearer}, {@code basic}, {@code api-key},
         *     {@code oauth2-client-credentials}, {@code ws-security-username-token}, {@code caller-token} or
         *     {@code token-exchange} (case-insensitive); blank means {@code none}
         * @return the type
         * @throws IllegalArgumentException for any other value
         */
        public static Type parse(String key, String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.isEmpty()) {
                return NONE;
            }
            for (Type t : values()) {
                if (t.value.equals(v)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(key + ": unknown auth type '" + value
                    + "'; allowed: none, bearer, basic, api-key, oauth2-client-credentials, ws-security-username-token, "
                    + "caller-token, token-exchange");
        }
    }

    /**
     * How a UsernameToken carries the password (UsernameToken Profile 1.1 section 3.1, the
     * {@code wsse:Password/@Type} attribute).
     */
    public enum PasswordType {
        /**
         * {@code #PasswordText}: the password itself. Readable by anyone who sees the message: use it over
         * {@code https} only.
         */
        TEXT("text"),
        /**
         * {@code #PasswordDigest}: {@code Base64(SHA-1(nonce + created + password))}, with a fresh
         * {@code wsse:Nonce} and {@code wsu:Created} in every request; the password itself never leaves the
         * adapter. The upstream must know the clear-text password to check it.
         */
        DIGEST("digest");

        private final String value;

        PasswordType(String value) {
            this.value = value;
        }

        /** Returns the configuration value, {@code text} or {@code digest}. */
        public String value() {
            return value;
        }

        /**
         * Parses a configuration value.
         *
         * @param key the configuration key, for the error message
         * @param value {@code text} or {@code digest} (case-insensitive)
         * @return the password type
         * @throws IllegalArgumentException for any other value
         */
        public static PasswordType parse(String key, String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "text" -> TEXT;
                case "digest" -> DIGEST;
                default -> throw new IllegalArgumentException(
                        key + ": unknown password type '" + value + "'; allowed: text, digest");
            };
        }
    }

    /**
     * Where an API key goes ({@code auth.in}), as OpenAPI's {@code apiKey} security scheme has it.
     */
    public enum In {
        /** A request header named {@code auth.name}. */
        HEADER("header"),
        /** A query parameter named {@code auth.name}, added to every request URL (SOAP ones too). */
        QUERY("query"),
        /** A cookie named {@code auth.name} in the {@code Cookie} header (RFC 6265 section 5.4). */
        COOKIE("cookie");

        private final String value;

        In(String value) {
            this.value = value;
        }

        /** Returns the configuration value. */
        public String value() {
            return value;
        }

        /**
         * Parses a configuration value.
         *
         * @param key the configuration key, for the error message
         * @param value {@code header}, {@code query} or {@code cookie} (case-insensitive)
         * @return where the key goes
         * @throws IllegalArgumentException for any other value
         */
        public static In parse(String key, String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "header" -> HEADER;
                case "query" -> QUERY;
                case "cookie" -> COOKIE;
                default -> throw new IllegalArgumentException(
                        key + ": unknown API key location '" + value + "'; allowed: header, query, cookie");
            };
        }
    }

    /**
     * An API key ({@code auth.type: api-key}).
     *
     * @param in {@code auth.in}: where it goes (default {@link In#HEADER})
     * @param name {@code auth.name}: the header, query parameter or cookie name
     * @param value {@code auth.value} (or {@code auth.value-file}): the key
     */
    public record ApiKey(In in, String name, String value) {
        /** Checks the components. */
        public ApiKey {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** Keeps the key out of logs. */
        @Override
        public String toString() {
            return "ApiKey[" + in.value + " " + name + "]";
        }
    }

    /**
     * An OAuth 2.0 client credentials grant (RFC 6749 section 4.4), from {@code auth} with
     * {@code type: oauth2-client-credentials}; the keys are named as those of {@link TokenExchange}.
     *
     * @param tokenUrl {@code token-url}: the authorization server's token endpoint, absolute
     * @param clientId {@code client-id}: the adapter's client id, sent with the secret as HTTP basic credentials
     *     (section 2.3.1)
     * @param clientSecret {@code client-secret} (or {@code client-secret-file})
     * @param scopes {@code scope}: the scopes asked for (space-separated in the key, section 3.3); empty for none
     * @param audience {@code audience}: sent as the {@code audience} form parameter (as several authorization
     *     servers require), or {@code null}
     * @param resource {@code resource}: the upstream's URI (RFC 8707 section 2), or {@code null}
     */
    public record ClientCredentials(java.net.URI tokenUrl, String clientId, String clientSecret, java.util.List<String> scopes,
            String audience, String resource) {
        /** Checks the required values and copies the scopes. */
        public ClientCredentials {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            scopes = java.util.List.copyOf(scopes);
        }

        /** Keeps the client secret out of logs. */
        @Override
        public String toString() {
            return "ClientCredentials[" + tokenUrl + ", client=" + clientId + ", scopes=" + scopes + "]";
        }
    }

    /**
     * Credentials without UsernameToken options: password type {@link PasswordType#DIGEST}, no optional nonce
     * or created.
     *
     * @param type how to authenticate
     * @param token the bearer token, or {@code null}
     * @param username the user name, or {@code null}
     * @param password the password, or {@code null}
     */
    public OutboundAuth(Type type, String token, String username, String password) {
        this(type, token, username, password, PasswordType.DIGEST, false, false);
    }

    /**
     * Credentials without token exchange.
     *
     * @param type how to authenticate
     * @param token the bearer token, or {@code null}
     * @param username the user name, or {@code null}
     * @param password the password, or {@code null}
     * @param passwordType how a UsernameToken carries the password
     * @param nonce whether a text UsernameToken carries a nonce
     * @param created whether a text UsernameToken carries a creation time
     */
    public OutboundAuth(Type type, String token, String username, String password, PasswordType passwordType,
            boolean nonce, boolean created) {
        this(type, token, username, password, passwordType, nonce, created, null);
    }

    /**
     * Credentials without a client credentials grant or an API key.
     *
     * @param type how to authenticate
     * @param token the bearer token, or {@code null}
     * @param username the user name, or {@code null}
     * @param password the password, or {@code null}
     * @param passwordType how a UsernameToken carries the password
     * @param nonce whether a text UsernameToken carries a nonce
     * @param created whether a text UsernameToken carries a creation time
     * @param exchange the token exchange settings, or {@code null}
     */
    public OutboundAuth(Type type, String token, String username, String password, PasswordType passwordType,
            boolean nonce, boolean created, TokenExchange exchange) {
        this(type, token, username, password, passwordType, nonce, created, exchange, null, null);
    }

    /**
     * Returns whether each call fetches its {@code Authorization} anew: the caller's token, a token exchanged for it,
     * or a client credentials token (the last two from a cache); the others are fixed.
     */
    public boolean perCall() {
        return onBehalfOfCaller() || type == Type.OAUTH2_CLIENT_CREDENTIALS;
    }

    /** Returns whether the credentials depend on the caller's token ({@link Type#CALLER_TOKEN}, {@link Type#TOKEN_EXCHANGE}). */
    public boolean onBehalfOfCaller() {
        return type == Type.CALLER_TOKEN || type == Type.TOKEN_EXCHANGE;
    }

    /** Checks the required components. */
    public OutboundAuth {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(passwordType, "passwordType");
        if ((type == Type.TOKEN_EXCHANGE) != (exchange != null)) {
            throw new IllegalArgumentException("token exchange settings go with auth type token-exchange only");
        }
        if ((type == Type.OAUTH2_CLIENT_CREDENTIALS) != (clientCredentials != null)) {
            throw new IllegalArgumentException("client credentials go with auth type oauth2-client-credentials only");
        }
        if ((type == Type.API_KEY) != (apiKey != null)) {
            throw new IllegalArgumentException("an API key goes with auth type api-key only");
        }
    }

    /** Keeps secrets out of logs. */
    @Override
    public String toString() {
        return "OutboundAuth[type=" + type.value
                + (type == Type.WS_SECURITY_USERNAME_TOKEN ? ", passwordType=" + passwordType.value : "")
                + (apiKey != null ? ", " + apiKey : "") + "]";
    }
}
