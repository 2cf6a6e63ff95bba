package dev.imcp.runtime.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Outbound credentials for one upstream, from {@code imcp.services.<id>.auth}.
 *
 * @param type how to authenticate
 * @param token the bearer token ({@link Type#BEARER}), or {@code null}
 * @param username the user name ({@link Type#BASIC}), or {@code null}
 * @param password the password ({@link Type#BASIC}), or {@code null}
 */
public record OutboundAuth(Type type, String token, String username, String password) {

    /** No outbound credentials. */
    public static final OutboundAuth NONE = new OutboundAuth(Type.NONE, null, null, null);

    /** The {@code auth.type} values. */
    public enum Type {
        /** No {@code Authorization} header. */
        NONE,
        /** {@code Authorization: Bearer <token>}. */
        BEARER,
        /** {@code Authorization: Basic base64(username:password)} (RFC 7617). */
        BASIC;

        /**
         * Parses a configuration value.
         *
         * @param key the configuration key, for the error message
         * @param value {@code none}, {@code bearer} or {@code basic} (case-insensitive)
         * @return the type
         * @throws IllegalArgumentException for any other value
         */
        public static Type parse(String key, String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "none", "" -> NONE;
                case "bearer" -> BEARER;
                case "basic" -> BASIC;
                default -> throw new IllegalArgumentException(
                        key + ": unknown auth type '" + value + "'; allowed: none, bearer, basic");
            };
        }
    }

    /** Checks the components each type needs. */
    public OutboundAuth {
        Objects.requireNonNull(type, "type");
    }

    /** Keeps secrets out of logs. */
    @Override
    public String toString() {
        return "OutboundAuth[type=" + type + "]";
    }
}
