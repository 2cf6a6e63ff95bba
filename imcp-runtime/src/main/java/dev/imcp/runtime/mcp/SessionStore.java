package dev.imcp.runtime.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * MCP sessions whose ids validate themselves (MCP "Transports", "Session Management"), so that adapter instances
 * sharing a secret accept each other's sessions and a restart keeps them.
 *
 * <p>An id is {@code <payload>.<mac>}, both unpadded base64url (RFC 4648 section 5), so only visible ASCII as
 * {@code Mcp-Session-Id} requires. The payload holds a format number, the negotiated revision, the owning
 * caller's principal (its name; {@code jwt:<sub>} for a token), the issue time (epoch seconds) and 16 random
 * bytes; the mac is HMAC-SHA256 (RFC 2104) of the payload under the secret. {@link #find} accepts an id whose mac verifies (compared in constant time), issued at
 * most {@code ttl} ago (and at most a minute in the future: clocks of instances differ), and not ended here by
 * {@link #remove}; anything else, tampered or malformed, is unknown, which the endpoint answers with 404. The id
 * is a bearer credential of its owner: the owner check stays with the caller ({@link Session#actor()}).
 *
 * <p>What is kept in memory is only local, optional state: the {@link Session} objects with their requests in
 * flight (for duplicate ids and {@code notifications/cancelled}), dropped after {@code idleTimeout} without a
 * request or beyond 100,000 sessions and rebuilt from the id on the next message, and the ids ended here (until
 * they would expire anyway). An id ended on one instance is still accepted by another until its {@code ttl}.
 * A caller may have {@code maxPerCaller} sessions in use per instance; {@code initialize} beyond that is refused
 * (one key shared by many clients, or {@code anonymous} without keys, shares the cap), while valid ids are always
 * accepted.
 * Thread-safe.
 */
public final class SessionStore {

    private static final System.Logger LOG = System.getLogger(SessionStore.class.getName());
    private static final int FORMAT = 1;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAX_ID_LENGTH = 1024;

    /** The default of {@code imcp.session.max-per-caller}. */
    public static final int DEFAULT_MAX_PER_CALLER = 1000;
    /** The JSON-RPC error code of a refused {@code initialize} when the caller has too many sessions. */
    public static final int TOO_MANY_SESSIONS = -32000;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final Cache<String, Session> sessions;
    private final Cache<String, Boolean> ended;
    private final int maxPerCaller;
    private final ConcurrentMap<String, Integer> perCaller = new ConcurrentHashMap<>();

    /**
     * Sessions signed with a random key of this process: they end with it and no other instance accepts them.
     *
     * @param idleTimeout how long a session's local state is kept without a request
     */
    public SessionStore(Duration idleTimeout) {
        this(idleTimeout, null, Duration.ofHours(24), DEFAULT_MAX_PER_CALLER, Clock.systemUTC());
    }

    /**
     * @param idleTimeout how long a session's local state (requests in flight) is kept without a request
     * @param secret the HMAC key ({@code imcp.session.secret}, at least 32 bytes), or {@code null} for a random
     *     per-process key (logged at INFO: sessions then survive neither a restart nor a move to another instance)
     * @param ttl how long an id is accepted after it was issued ({@code imcp.session.ttl})
     * @param maxPerCaller how many sessions one caller may have open on this instance
     *     ({@code imcp.session.max-per-caller}): sessions whose local state is kept, i.e. used within
     *     {@code idleTimeout}; {@link #create} refuses more
     * @param clock the clock of issue times and expiry
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes, a duration or the cap is not
     *     positive
     */
    public SessionStore(Duration idleTimeout, byte[] secret, Duration ttl, int maxPerCaller, Clock clock) {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session timeouts must be positive");
        }
        if (maxPerCaller <= 0) {
            throw new IllegalArgumentException("imcp.session.max-per-caller must be positive, was " + maxPerCaller);
        }
        this.maxPerCaller = maxPerCaller;
        byte[] k = secret;
        if (k == null) {
            k = new byte[32];
            random.nextBytes(k);
            LOG.log(System.Logger.Level.INFO, "imcp.session.secret is not set: MCP session ids are signed with a random "
                    + "key of this process, so sessions do not survive a restart and other instances do not accept them");
        } else if (k.length < 32) {
            throw new IllegalArgumentException("imcp.session.secret must be at least 32 bytes long (e.g. the output of "
                    + "'openssl rand -base64 32'), was " + k.length);
        }
        this.key = new SecretKeySpec(k.clone(), "HmacSHA256");
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(100_000)
                .executor(Runnable::run) // the removal listener runs at once, so the counts stay exact
                .<String, Session>removalListener((id, session, cause) -> {
                    if (session != null) {
                        perCaller.computeIfPresent(session.actor(), (a, n) -> n <= 1 ? null : n - 1);
                    }
                })
                .build();
        this.ended = Caffeine.newBuilder().expireAfterWrite(ttl.plus(CLOCK_SKEW)).maximumSize(1_000_000).build();
    }

    /**
     * Issues a session: a signed id for the revision and caller, issued now.
     *
     * @param protocolVersion the negotiated revision
     * @param actor the creating caller's {@link dev.imcp.runtime.security.Caller#principal() principal}
     * @return the new session
     * @throws McpError -32000 when the caller already has {@code maxPerCaller} sessions in use on this instance
     */
    public Session create(String protocolVersion, String actor) throws McpError {
        if (count(actor) >= maxPerCaller) {
            sessions.cleanUp(); // expired entries leave on maintenance: count again after it
            if (count(actor) >= maxPerCaller) {
                throw new McpError(TOO_MANY_SESSIONS, "Too many sessions: this caller has " + maxPerCaller
                        + " open; end unused ones (HTTP DELETE) or let them idle out");
            }
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Instant issued = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(protocolVersion);
            out.writeUTF(actor);
            out.writeLong(issued.getEpochSecond());
            out.write(nonce);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by a byte array
        }
        byte[] payload = bytes.toByteArray();
        String id = B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
        Session session = new Session(id, protocolVersion, actor, issued.plus(ttl));
        sessions.get(id, k -> counted(session));
        return session;
    }

    private int count(String actor) {
        return perCaller.getOrDefault(actor, 0);
    }

    /** Returns {@code session} after counting it for its caller: it is about to enter the cache. */
    private Session counted(Session session) {
        perCaller.merge(session.actor(), 1, Integer::sum);
        return session;
    }

    /**
     * Returns session {@code id} when its signature verifies, it has not expired and was not ended here (refreshing
     * its local state's idle timer), else empty: unknown, tampered, expired or ended.
     */
    public Optional<Session> find(String id) {
        if (id == null || id.length() > MAX_ID_LENGTH || ended.getIfPresent(id) != null) {
            return Optional.empty();
        }
        // An id held here was verified when it entered (the key is the exact id): only its lifetime is checked again,
        // which spares the MAC of every request.
        Session known = sessions.getIfPresent(id);
        if (known != null && known.expires() != null) {
            if (clock.instant().isBefore(known.expires())) {
                return Optional.of(known);
            }
            sessions.invalidate(id);
            return Optional.empty();
        }
        Optional<Claims> claims = verify(id);
        if (claims.isEmpty()) {
            sessions.invalidate(id); // expired
            return Optional.empty();
        }
        return Optional.of(sessions.get(id, k -> counted(new Session(k, claims.get().version(), claims.get().actor(),
                claims.get().expires()))));
    }

    /**
     * Ends session {@code id} on this instance (its id is refused here from now on); returns whether it was a valid
     * session that had not ended.
     */
    public boolean remove(String id) {
        if (id == null || verify(id).isEmpty() || ended.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
            return false;
        }
        sessions.invalidate(id);
        return true;
    }

    private Optional<Claims> verify(String id) {
        int dot = id.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = B64D.decode(id.substring(0, dot));
            mac = B64D.decode(id.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac, mac(payload)) || !id.equals(B64.encodeToString(payload) + "." + B64.encodeToString(mac))) {
            return Optional.empty(); // a forged mac, or another spelling of the same bytes
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != FORMAT) {
                return Optional.empty();
            }
            String version = in.readUTF();
            String actor = in.readUTF();
            Instant issued = Instant.ofEpochSecond(in.readLong());
            Instant now = clock.instant();
            if (!now.isBefore(issued.plus(ttl)) || issued.isAfter(now.plus(CLOCK_SKEW))
                    || !ProtocolVersions.supported(version)) { // an instance of another release may know other revisions
                return Optional.empty();
            }
            return Optional.of(new Claims(version, actor, issued.plus(ttl)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** What a verified id says. */
    private record Claims(String version, String actor, Instant expires) {
    }
}
