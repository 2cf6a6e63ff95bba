package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a key that holds a secret (a token, a password, a client secret, an API key): from the key itself, or
 * from the file that the same key with {@code -file} appended names, as Kubernetes and Docker mount secrets, e.g.
 * {@code imcp.services.petstore.auth.token-file: /run/secrets/petstore-token}. A file's content is taken as UTF-8
 * with one trailing line break removed ({@code \n} or {@code \r\n}); everything else in it, spaces included, is
 * the secret. Either key may come from any configuration source, environment variables included.
 *
 * <p>A value may also be a Helidon encrypted value ({@code helidon-config-encryption}): {@code ${GCM=<base64>}},
 * decrypted with the master password of the environment variable {@code SECURE_CONFIG_AES_MASTER_PWD}, or
 * {@code ${RSA-P=<base64>}} with the private key of {@code SECURE_CONFIG_RSA_PEM_KEY}; the configuration hands it
 * over decrypted. One that could not be decrypted fails start-up naming the key, rather than being sent as is.
 */
public final class SecretValues {

    /** A value that Helidon's encryption filter ({@code helidon-config-encryption}) has left encrypted. */
    private static final java.util.regex.Pattern ENCRYPTED =
            java.util.regex.Pattern.compile("\\$\\{(GCM|RSA-P|AES|RSA)=.*}", java.util.regex.Pattern.DOTALL);

    /** What the file key of a secret key ends with. */
    public static final String FILE_SUFFIX = "-file";

    private SecretValues() {
    }

    /**
     * Returns the secret under {@code name} of {@code node}, or under {@code name-file} as the content of that file.
     *
     * @param node the node holding the key
     * @param name the key's name, e.g. {@code token}
     * @param key the key's full name, for messages, e.g. {@code imcp.services.petstore.auth.token}
     * @return the secret, empty when neither key is set
     * @throws IllegalArgumentException when both keys are set, or the file cannot be read (the message names the
     *     key and the file, never the secret)
     */
    public static Optional<String> read(Config node, String name, String key) {
        Optional<String> value = node.get(name).asString().asOptional();
        if (value.isPresent() && ENCRYPTED.matcher(value.get().strip()).matches()) {
            // Helidon's encryption filter leaves a value it cannot decrypt as it is (and logs why): never send that
            throw new IllegalArgumentException(key + " is an encrypted value that could not be decrypted: set the master "
                    + "password (environment variable SECURE_CONFIG_AES_MASTER_PWD) for ${GCM=...}, or the private key "
                    + "(SECURE_CONFIG_RSA_PEM_KEY) for ${RSA-P=...}");
        }
        Optional<String> file = node.get(name + FILE_SUFFIX).asString().asOptional().map(String::strip)
                .filter(f -> !f.isEmpty());
        if (file.isEmpty()) {
            return value;
        }
        if (value.isPresent()) {
            throw new IllegalArgumentException(key + " and " + key + FILE_SUFFIX + " are both set: set one of them");
        }
        try {
            String text = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            return Optional.of(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(key + FILE_SUFFIX + ": cannot read " + file.get() + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
