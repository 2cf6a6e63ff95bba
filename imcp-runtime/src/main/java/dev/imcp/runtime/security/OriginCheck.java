package dev.imcp.runtime.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DNS-rebinding protection (MCP specification, Transports, "Security Warning"): a request carrying an
 * {@code Origin} header is accepted only when the origin's host is loopback ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}) or listed in {@code imcp.allowed-origins}. Requests without
 * {@code Origin} (non-browser clients) are accepted.
 */
public final class OriginCheck {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;

    /**
     * @param allowed accepted host names or full origins (e.g. {@code https://app.example.com}), case-insensitive
     */
    public OriginCheck(Set<String> allowed) {
        this.allowed = allowed.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
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
        return host != null && (LOOPBACK.contains(host) || allowed.contains(host));
    }
}
