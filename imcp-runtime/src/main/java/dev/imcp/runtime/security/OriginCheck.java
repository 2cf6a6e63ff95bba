package dev.imcp.runtime.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DNS-rebinding protection (MCP specification, Transports, "Security Warning"): a request carrying an
 * {@code Origin} header is accepted only when the origin's host is loopback ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}) or listed in {@code imcp.allowed-origins} (the server adds the CORS origins
 * of {@code server.cors.allowed-origins}). Requests without
 * {@code Origin} (non-browser clients) are accepted. A server bound to loopback also checks the
 * {@code Host} header the same way (RFC 9110 section 7.2), since a rebound DNS name reaches it with a
 * foreign host name even when a page sends no {@code Origin}.
 */
public final class OriginCheck {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "[::1]", "::1");
    private static final java.util.regex.Pattern LOOPBACK_V4 = java.util.regex.Pattern.compile("127(\\.\\d{1,3}){3}");

    private final Set<String> allowed;
    private final boolean checkHost;

    /**
     * Creates a check that leaves the {@code Host} header alone.
     *
     * @param allowed accepted host names or full origins (e.g. {@code https://app.example.com}), case-insensitive
     */
    public OriginCheck(Set<String> allowed) {
        this(allowed, false);
    }

    /**
     * @param allowed accepted host names or full origins (e.g. {@code https://app.example.com}), case-insensitive
     * @param checkHost whether {@link #allowsHost} restricts {@code Host} to loopback and {@code allowed}
     *     (true for a server bound to a loopback address)
     */
    public OriginCheck(Set<String> allowed, boolean checkHost) {
        this.allowed = allowed.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.checkHost = checkHost;
    }

    /**
     * Checks a {@code Host} header ({@code name[:port]}, {@code [v6][:port]}).
     *
     * @param hostHeader the header value, or {@code null} when absent
     * @return whether the request may proceed: always when host checking is off
     */
    public boolean allowsHost(String hostHeader) {
        if (!checkHost || hostHeader == null) {
            return true;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name = h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1)
                : h.contains(":") ? h.substring(0, h.indexOf(':')) : h;
        return isLoopback(name) || allowed.contains(name);
    }

    /**
     * Checks an {@code Origin} header.
     *
     * @param origin the header value, or {@code null} when absent
     * @return whether the request may proceed
     */
    public boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(o)) {
            return true;
        }
        String host;
        try {
            host = URI.create(o).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return host != null && (isLoopback(host) || allowed.contains(host));
    }

    /**
     * Returns whether {@code host} (a name or an address literal, IPv6 with or without brackets) is loopback:
     * {@code localhost}, {@code 127.0.0.0/8} (RFC 1122 section 3.2.1.3) or {@code ::1}; no DNS look-up.
     */
    public static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return LOOPBACK_NAMES.contains(h) || LOOPBACK_V4.matcher(h).matches();
    }
}
