package dev.imcp.runtime.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from text and JSON before it reaches a client, a log or an audit event. Thread-safe.
 *
 * <p>The secrets are the configured outbound credentials ({@link #Redactor(Collection)}) and those the adapter
 * learns while it runs, such as OAuth 2.0 access tokens and callers' JWTs ({@link #register}), each kept while it is
 * valid and a few minutes more. Each is found in the forms it takes
 * on the wire and in the bodies of upstreams that echo what they received:
 * <ul>
 * <li>as is, ignoring case (so an upper- or lower-cased echo is caught too);
 * <li>Base64 and Base64url (RFC 4648 sections 4 and 5), with and without padding, and the part of the
 * encoding that depends only on the secret's bytes wherever it starts in a longer encoded text (three alignments;
 * only when that part has at least {@value #MIN_FRAGMENT} characters, so short secrets do not mask random
 * text), which covers a Basic {@code user:password} pair;
 * <li>each of those JSON-escaped (as Jackson writes it, and with {@code \/} and {@code \}{@code uXXXX} for
 * non-ASCII characters), percent-encoded (RFC 3986, UTF-8, and HTML form encoding with {@code +} for space) and
 * XML-escaped; and the Base64 forms of the escaped secret, escaped again (a percent-encoded query echoed in
 * Base64, a doubly percent-encoded one).
 * </ul>
 * Every match becomes {@link #MASK}; overlapping matches become one mask.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** The shortest Base64 fragment of a secret (at an unaligned position) that is masked, in characters. */
    static final int MIN_FRAGMENT = 8;

    /**
     * The most secrets learned at run time ({@link #register}) kept at once, far more than live together: a learned
     * secret leaves when it expires ({@link #LEARNED_MARGIN}), this bound only caps memory.
     */
    static final int MAX_REGISTERED = 100_000;

    /** How long a learned secret is masked after its lifetime ends (clock skew, late echoes). */
    static final Duration LEARNED_MARGIN = Duration.ofMinutes(5);

    /** The lifetime of a learned secret whose lifetime is not known. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    /** How many property names {@link #isSecretKey} remembers the answer for. */
    static final int MAX_CLASSIFIED = 10_000;

    /** Whole words of a property name that mark a secret. */
    private static final Set<String> SECRET_WORDS = Set.of("pass", "pwd", "pin", "otp", "cvv", "cvc", "passcode");

    /** Parts of a property name (lower case, without separators) that mark a secret. */
    private static final List<String> SECRET_PARTS = List.of("password", "passwd", "passphrase", "secret", "token",
            "apikey", "authorization", "credential", "privatekey", "cookie", "accesskey", "sessionkey", "signingkey");

    /** Word boundaries of a property name: separators and camel-case humps ({@code sessionCookie}, {@code PINCode}). */
    private static final Pattern WORDS = Pattern.compile("[^\\p{Alnum}]+|(?<=[\\p{Ll}\\d])(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");

    /** Every form of every configured secret, lower case. */
    private final List<String> needles;
    /**
     * Learned secret to its forms, lower case; each entry lives as long as its secret plus {@link #LEARNED_MARGIN}
     * (Caffeine, variable expiry), so that many callers' tokens do not push out live ones, and leaves at the cache's
     * next maintenance after that.
     */
    private final Cache<String, Learned> learned;

    /** The forms of one learned secret and how long they are kept, in nanoseconds. */
    private record Learned(List<String> forms, long nanos) {
    }

    /**
     * The length of the suffix learned forms are indexed by: their ends, since tokens of one issuer often share a
     * long beginning (every JWT header's {@code eyJhbGciOi...}) but end differently (a signature, random bytes).
     */
    static final int SUFFIX = 8;

    /**
     * How many learned forms {@link #redact} looks for one by one; with more, it looks up each position of the text
     * in {@link #learnedBySuffix} instead, so that its cost does not grow with the number of live tokens.
     */
    static final int SCAN_LIMIT = 256;

    /**
     * Every form of every learned secret that has at least {@link #SUFFIX} characters, by its last {@link #SUFFIX}
     * characters, with how many learned secrets have it; kept in step with {@link #learned} (a form leaves when the
     * last secret having it expires or is evicted).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.ConcurrentHashMap<String, Integer>>
            learnedBySuffix = new java.util.concurrent.ConcurrentHashMap<>();
    /** The learned forms shorter than {@link #SUFFIX}, with how many learned secrets have each. */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> learnedShort =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** How many learned forms there are (with repeats). */
    private final java.util.concurrent.atomic.AtomicLong learnedForms = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param secrets the configured secret values (outbound tokens, passwords, header values); blank ones are ignored
     */
    public Redactor(Collection<String> secrets) {
        this(secrets, Ticker.systemTicker());
    }

    /**
     * @param secrets the configured secret values; blank ones are ignored
     * @param ticker the clock learned secrets expire by (a test's)
     */
    Redactor(Collection<String> secrets, Ticker ticker) {
        this.needles = needles(secrets.stream().filter(s -> s != null && !s.isBlank()).distinct().toList());
        this.learned = Caffeine.newBuilder()
                .maximumSize(MAX_REGISTERED)
                .ticker(ticker)
                .executor(Runnable::run)
                .scheduler(com.github.benmanes.caffeine.cache.Scheduler.systemScheduler()) // expired ones leave promptly
                .removalListener((String key, Learned value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (value != null) {
                        index(value.forms(), -1);
                    }
                })
                .expireAfter(new Expiry<String, Learned>() {
                    @Override
                    public long expireAfterCreate(String key, Learned value, long currentTime) {
                        return value.nanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Learned value, long currentTime, long currentDuration) {
                        return Math.max(value.nanos(), currentDuration);
                    }

                    @Override
                    public long expireAfterRead(String key, Learned value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /**
     * Adds a secret the adapter learned while running, of unknown lifetime: {@link #register(String, Duration)}
     * with {@link #DEFAULT_LIFETIME}.
     *
     * @param secret the secret; {@code null} or blank is ignored
     */
    public void register(String secret) {
        register(secret, DEFAULT_LIFETIME);
    }

    /**
     * Adds a secret the adapter learned while running (an access token it fetched, a caller's JWT), so that it is
     * masked in every form listed above for {@code lifetime} plus {@link #LEARNED_MARGIN}; registering it again
     * never shortens that. At most {@value #MAX_REGISTERED} are kept at once.
     *
     * @param secret the secret; {@code null} or blank is ignored
     * @param lifetime how long the secret is valid from now (an access token's {@code expires_in}, the time to a
     *     JWT's {@code exp}); a negative one counts as zero
     */
    public void register(String secret, Duration lifetime) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        Duration keep = (lifetime.isNegative() ? Duration.ZERO : lifetime).plus(LEARNED_MARGIN);
        long nanos = keep.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos()
                : keep.toNanos();
        Learned known = learned.getIfPresent(secret);
        List<String> forms = known != null ? known.forms() : needles(List.of(secret));
        index(forms, 1); // the entry it replaces, if any, leaves the index through the removal listener
        learned.put(secret, new Learned(forms, nanos));
    }

    /** Adds ({@code delta} 1) or removes (-1) one learned secret's {@code forms} to or from the index. */
    private void index(List<String> forms, int delta) {
        for (String form : forms) {
            if (form.length() < SUFFIX) {
                learnedShort.merge(form, delta, Redactor::sumOrNull);
            } else {
                learnedBySuffix.compute(form.substring(form.length() - SUFFIX), (suffix, owners) -> {
                    java.util.concurrent.ConcurrentHashMap<String, Integer> m = owners != null ? owners
                            : new java.util.concurrent.ConcurrentHashMap<>();
                    m.merge(form, delta, Redactor::sumOrNull);
                    return m.isEmpty() ? null : m;
                });
            }
        }
        learnedForms.addAndGet((long) delta * forms.size());
    }

    private static Integer sumOrNull(Integer a, Integer b) {
        int sum = a + b;
        return sum <= 0 ? null : sum;
    }

    /** Returns how many learned secrets are kept now (for tests). */
    long learnedCount() {
        learned.cleanUp();
        return learned.estimatedSize();
    }

    /**
     * Returns whether a property named {@code name} holds a secret and must be masked. Case, {@code _}, {@code -}
     * and camel case do not matter: {@code password}, {@code client_secret}, {@code X-Api-Key}, {@code privateKey},
     * {@code sessionCookie}, {@code accessToken}, {@code pin}, {@code PIN_CODE} and {@code cardPin} do;
     * {@code passenger}, {@code shipping} and {@code keyword} do not. A name matches when, without case and
     * separators, it contains {@code password}, {@code passwd}, {@code passphrase}, {@code secret}, {@code token},
     * {@code apikey}, {@code authorization}, {@code credential}, {@code privatekey}, {@code cookie},
     * {@code accesskey}, {@code sessionkey} or {@code signingkey}, or when one of its words is {@code pass},
     * {@code pwd}, {@code pin}, {@code otp}, {@code cvv}, {@code cvc} or {@code passcode}.
     */
    public static boolean isSecretKey(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        // property names repeat call after call; the regular expressions below cost more than the rest of a redaction
        return SECRET_KEYS.get(name, Redactor::classify);
    }

    /** Names already classified by {@link #isSecretKey}, at most {@value #MAX_CLASSIFIED}. */
    private static final Cache<String, Boolean> SECRET_KEYS = Caffeine.newBuilder().maximumSize(MAX_CLASSIFIED).build();

    private static boolean classify(String name) {
        String flat = name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]", "");
        for (String part : SECRET_PARTS) {
            if (flat.contains(part)) {
                return true;
            }
        }
        for (String word : WORDS.split(name)) {
            if (SECRET_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces every form of every secret in {@code text} by {@link #MASK}.
     *
     * @param text any text, or {@code null}
     * @return the redacted text ({@code null} stays {@code null}; the same instance when nothing matched)
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String lower = lowerCase(text);
        BitSet masked = new BitSet(text.length());
        mark(lower, needles, masked);
        if (learnedForms.get() <= SCAN_LIMIT) {
            for (Learned l : learned.asMap().values()) {
                mark(lower, l.forms(), masked);
            }
        } else {
            mark(lower, learnedShort.keySet(), masked);
            for (int end = SUFFIX; end <= lower.length(); end++) {
                java.util.Map<String, Integer> forms = learnedBySuffix.get(lower.substring(end - SUFFIX, end));
                if (forms != null) {
                    for (String form : forms.keySet()) {
                        int at = end - form.length();
                        if (at >= 0 && lower.startsWith(form, at)) {
                            masked.set(at, end);
                        }
                    }
                }
            }
        }
        if (masked.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = masked.nextSetBit(i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            int end = masked.nextClearBit(start);
            out.append(text, i, start).append(MASK);
            i = end;
        }
        return out.toString();
    }

    /**
     * Returns {@code node} redacted: values under secret-looking property names ({@link #isSecretKey}) become
     * {@link #MASK} and secrets are masked inside every string. For audit events, whose argument names say what they
     * hold. Copy on write: {@code node} itself when nothing was masked, else a copy that shares the unchanged parts
     * of {@code node} (so neither should be modified afterwards).
     *
     * @param node a JSON value, or {@code null}
     * @return the redacted value
     */
    public JsonNode redact(JsonNode node) {
        return copy(node, true, List.of(), null);
    }

    /**
     * Returns {@link #redact(JsonNode)} of {@code node}, with also every value that {@code schema} marks as sensitive
     * masked: a property or item whose schema has {@code format: password} (OpenAPI, JSON Schema's
     * {@code format} annotation), {@code writeOnly: true} (JSON Schema 2020-12 "Validation" section 9.4: never sent
     * back, so a credential or a one-way input) or {@code x-sensitive: true}. The schema is followed through
     * {@code properties}, {@code patternProperties}, {@code additionalProperties}, {@code items},
     * {@code prefixItems}, {@code allOf}/{@code anyOf}/{@code oneOf} and local {@code $ref}s ({@code #/...}).
     *
     * @param node a tool's arguments, or {@code null}
     * @param schema the tool's input schema, or {@code null}
     * @return the redacted value, copied on write as for {@link #redact(JsonNode)}
     */
    public JsonNode redact(JsonNode node, JsonNode schema) {
        return copy(node, true, schema == null ? List.of() : SchemaWalk.resolve(schema, schema), schema);
    }

    /**
     * Returns {@code node} with secrets masked in every string value and property name, whatever the property is
     * called: for what an upstream answered, whose property names are the upstream's business.
     *
     * @param node a JSON value, or {@code null}
     * @return the redacted value, copied on write as for {@link #redact(JsonNode)}
     */
    public JsonNode redactValues(JsonNode node) {
        return copy(node, false, List.of(), null);
    }

    /**
     * Returns {@code node} with secrets masked; with {@code byName}, also values under secret property names; values
     * whose {@code schemas} (the effective schemas of {@code node}, with local references resolved against
     * {@code root}) mark them sensitive are masked whole. Copy on write: a value in which nothing was masked is
     * returned itself, and a container is copied only when something inside it was masked, sharing its unchanged
     * members with {@code node}. Most values hold no secret, so most calls allocate nothing.
     */
    private JsonNode copy(JsonNode node, boolean byName, List<JsonNode> schemas, JsonNode root) {
        if (node == null) {
            return null;
        }
        if (SchemaWalk.sensitive(schemas)) {
            return TextNode.valueOf(MASK);
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = null;
            int index = 0;
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); index++) {
                Map.Entry<String, JsonNode> e = fields.next();
                String name = redact(e.getKey());
                JsonNode value = byName && isSecretKey(e.getKey()) ? TextNode.valueOf(MASK)
                        : copy(e.getValue(), byName, SchemaWalk.property(schemas, e.getKey(), root), root);
                if (copy == null && (name != e.getKey() || value != e.getValue())) {
                    copy = object.objectNode();
                    Iterator<Map.Entry<String, JsonNode>> before = object.fields();
                    for (int i = 0; i < index; i++) {
                        Map.Entry<String, JsonNode> kept = before.next();
                        copy.set(kept.getKey(), kept.getValue());
                    }
                }
                if (copy != null) {
                    copy.set(name, value);
                }
            }
            return copy == null ? object : copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                JsonNode value = copy(item, byName, SchemaWalk.item(schemas, i, root), root);
                if (copy == null && value != item) {
                    copy = array.arrayNode(array.size());
                    for (int k = 0; k < i; k++) {
                        copy.add(array.get(k));
                    }
                }
                if (copy != null) {
                    copy.add(value);
                }
            }
            return copy == null ? array : copy;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String masked = redact(text);
            return masked == text ? node : TextNode.valueOf(masked);
        }
        return node;
    }

    /** Marks in {@code masked} where each of {@code forms} occurs in {@code lower}. */
    private static void mark(String lower, Collection<String> forms, BitSet masked) {
        for (String form : forms) {
            for (int at = lower.indexOf(form); at >= 0; at = lower.indexOf(form, at + 1)) {
                masked.set(at, at + form.length());
            }
        }
    }

    /** Lower-cases char by char, so that indexes in the result are indexes in {@code text}. */
    private static String lowerCase(String text) {
        String fast = text.toLowerCase(Locale.ROOT);
        // Lower-casing only ever lengthens a string, so the same length keeps every index; the one rule that looks at
        // neighbours (a capital sigma at a word's end becomes a final sigma) is left to the char-by-char path.
        if (fast.length() == text.length() && fast.indexOf('\u03C2') < 0) {
            return fast;
        }
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    private static List<String> needles(Collection<String> secrets) {
        Set<String> out = new LinkedHashSet<>();
        for (String secret : secrets) {
            for (String text : escapes(secret)) {
                for (String base : baseForms(text)) {
                    for (String form : escapes(base)) {
                        if (!form.isEmpty()) {
                            out.add(lowerCase(form));
                        }
                    }
                }
            }
        }
        return out.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code s} as is, JSON-escaped (two ways), form-encoded, percent-encoded (RFC 3986) and XML-escaped. */
    private static Set<String> escapes(String s) {
        String form = URLEncoder.encode(s, StandardCharsets.UTF_8);
        return new LinkedHashSet<>(List.of(s, json(s), jsonAscii(s), form,
                form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~"), xml(s)));
    }

    /** The secret and its Base64 and Base64url encodings (whole, and the fragments of each alignment). */
    private static List<String> baseForms(String secret) {
        List<String> out = new ArrayList<>();
        out.add(secret);
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            out.add(encoder.encodeToString(bytes));
            Base64.Encoder unpadded = encoder.withoutPadding();
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[shift + bytes.length];
                System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                String encoded = unpadded.encodeToString(shifted);
                // characters made of the secret's bits only: from the first whole sextet after the shift to the last
                int from = (8 * shift + 5) / 6;
                int to = 8 * (shift + bytes.length) / 6;
                if (shift == 0) {
                    out.add(encoded);
                }
                if (to - from >= MIN_FRAGMENT) {
                    out.add(encoded.substring(from, to));
                }
            }
        }
        return out;
    }

    private static String json(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }

    private static String jsonAscii(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : json(s).toCharArray()) {
            if (c == '/') {
                out.append("\\/");
            } else if (c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String formEncoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
