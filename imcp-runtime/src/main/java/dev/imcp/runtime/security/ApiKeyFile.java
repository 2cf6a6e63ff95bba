package dev.imcp.runtime.security;

import dev.imcp.runtime.config.ApiKey;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * API keys read from a YAML file ({@code imcp.auth.api-keys-file}) and read again when it changes, so that keys are
 * added and revoked without a restart. Thread-safe.
 *
 * <p>The file holds an {@code api-keys} list of the same entries as {@code imcp.auth.api-keys} ({@code name},
 * {@code sha256}, optional {@code roles}, {@code scopes}, {@code tenant}). At most once per {@code reload} interval
 * (checked when a caller authenticates) the file is read and, when its bytes differ from the last read, parsed
 * again: a key removed from the file is refused, and a key added is accepted, within one interval of the change.
 * The file must be readable and valid at start-up. Later, a file that cannot be read or parsed fails closed: its
 * keys are refused until it is fixed (logged as a warning, without the file's content); the keys of
 * {@code imcp.auth.api-keys} are not affected.
 */
public final class ApiKeyFile {

    private static final System.Logger LOG = System.getLogger(ApiKeyFile.class.getName());

    private final Path path;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Snapshot current;

    private record Snapshot(byte[] bytes, List<ApiKey> keys, long checkedNanos) {
    }

    /**
     * Reads the file.
     *
     * @param path the file
     * @param reload how often at most the file is checked for changes
     * @throws IllegalArgumentException when the file cannot be read or holds a malformed key (the message names
     *     {@code imcp.auth.api-keys-file} and the file, never a hash)
     */
    public ApiKeyFile(Path path, Duration reload) {
        this(path, reload, System::nanoTime);
    }

    ApiKeyFile(Path path, Duration reload, LongSupplier nanoTime) {
        this.path = Objects.requireNonNull(path, "path");
        this.intervalNanos = reload.toNanos();
        this.nanoTime = nanoTime;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("imcp.auth.api-keys-file: cannot read " + path + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        this.current = new Snapshot(bytes, parse(bytes), nanoTime.getAsLong());
    }

    /** Returns the file's path. */
    public Path path() {
        return path;
    }

    /**
     * Returns the file's keys, read again first when the interval has passed since the last check and the file
     * changed.
     *
     * @return the keys; empty while the file cannot be read or parsed
     */
    public List<ApiKey> keys() {
        Snapshot s = current;
        long now = nanoTime.getAsLong();
        if (now - s.checkedNanos() < intervalNanos || !reloading.tryLock()) {
            return s.keys();
        }
        try {
            s = current;
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                if (s.bytes() != null) {
                    LOG.log(System.Logger.Level.WARNING, "imcp.auth.api-keys-file {0} cannot be read ({1}): its keys are "
                            + "refused until it can", path, e.getClass().getSimpleName());
                }
                current = new Snapshot(null, List.of(), now);
                return List.of();
            }
            if (Arrays.equals(bytes, s.bytes())) {
                current = new Snapshot(s.bytes(), s.keys(), now);
                return s.keys();
            }
            List<ApiKey> keys;
            try {
                keys = parse(bytes);
                LOG.log(System.Logger.Level.INFO, "imcp.auth.api-keys-file {0} changed: {1} keys", path, keys.size());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "imcp.auth.api-keys-file {0} changed and is not valid ({1}): its "
                        + "keys are refused until it is fixed", path, e.getMessage());
                keys = List.of();
            }
            current = new Snapshot(bytes, keys, now);
            return keys;
        } finally {
            reloading.unlock();
        }
    }

    private List<ApiKey> parse(byte[] bytes) {
        Config root;
        try {
            root = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                    .sources(ConfigSources.create(new String(bytes, StandardCharsets.UTF_8), MediaTypes.APPLICATION_X_YAML))
                    .build();
            root.traverse().count(); // parses now
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("imcp.auth.api-keys-file: " + path + " is not valid YAML", e);
        }
        if (!root.get("api-keys").exists() && !root.asNodeList().orElse(List.of()).isEmpty()) {
            throw new IllegalArgumentException("imcp.auth.api-keys-file: " + path + " has no api-keys list");
        }
        try {
            return ApiKey.list(root.get("api-keys"), "api-keys");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("imcp.auth.api-keys-file " + path + ": " + e.getMessage(), e);
        }
    }
}
