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
 */
public record OutboundAuth(Type type, String token, String username, String password,
        PasswordType passwordType, boolean nonce, boolean created, TokenExchange exchange) {

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
        TOKEN_EXCHANGE("token-exchange");

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
         * @param value {@code none}, {@code bearer}, {@code basic} or {@code ws-security-username-token}
         *     (case-insensitive); blank means {@code none}
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
                    + "'; allowed: none, bearer, basic, ws-security-username-token, caller-token, token-exchange");
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
    }

    /** Keeps secrets out of logs. */
    @Override
    public String toString() {
        return "OutboundAuth[type=" + type.value
                + (type == Type.WS_SECURITY_USERNAME_TOKEN ? ", passwordType=" + passwordType.value : "") + "]";
    }
}
