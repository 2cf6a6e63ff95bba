package dev.imcp.runtime.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Live MCP sessions in memory; a session expires after the idle timeout without a request. Thread-safe.
 */
public final class SessionStore {

    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Session> sessions;

    /**
     * @param idleTimeout how long a session lives without a request
     */
    public SessionStore(Duration idleTimeout) {
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(100_000).build();
    }

    /**
     * Creates a session with a fresh cryptographically random id.
     *
     * @param protocolVersion the negotiated revision
     * @param actor the creating caller's name
     * @return the new session
     */
    public Session create(String protocolVersion, String actor) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), protocolVersion, actor);
        sessions.put(session.id(), session);
        return session;
    }

    /** Returns the live session {@code id} (refreshing its idle timer), or empty when unknown or expired. */
    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.getIfPresent(id));
    }

    /** Ends session {@code id}; returns whether it existed. */
    public boolean remove(String id) {
        return sessions.asMap().remove(id) != null;
    }
}
