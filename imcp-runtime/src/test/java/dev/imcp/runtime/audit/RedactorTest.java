package dev.imcp.runtime.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    private static final String SECRET = "s3cr/et+Ab\"é";

    @Test
    void masksSecretKeysAndConfiguredValues() throws Exception {
        Redactor r = new Redactor(List.of("topsecret", ""));
        JsonNode in = new ObjectMapper().readTree(
                "{\"password\":\"p\",\"api_key\":\"k\",\"Authorization\":\"x\",\"nested\":{\"clientSecret\":1,"
                        + "\"note\":\"has topsecret inside\"},\"list\":[\"topsecret\"],\"name\":\"ok\"}");
        assertEquals("{\"password\":\"***\",\"api_key\":\"***\",\"Authorization\":\"***\",\"nested\":{\"clientSecret\":\"***\","
                + "\"note\":\"has *** inside\"},\"list\":[\"***\"],\"name\":\"ok\"}", r.redact(in).toString());
        assertEquals("Bearer ***", r.redact("Bearer topsecret"));
        assertEquals("{\"password\":\"p\",\"note\":\"***\"}", r.redactValues(new ObjectMapper().readTree(
                "{\"password\":\"p\",\"note\":\"topsecret\"}")).toString(), "redactValues masks values only");
    }

    @Test
    void aTreeIsCopiedOnlyAlongThePathsToWhatWasMasked() throws Exception {
        Redactor r = new Redactor(List.of("topsecret"));
        JsonNode clean = new ObjectMapper().readTree("{\"a\":{\"b\":[1,\"x\",{\"c\":null}]},\"d\":\"y\",\"e\":true}");
        String before = clean.toString();
        assertSame(clean, r.redactValues(clean));
        assertSame(clean, r.redact(clean));
        JsonNode tree = new ObjectMapper().readTree(
                "{\"a\":{\"b\":[1,\"x\",\"topsecret\",{\"c\":2}]},\"kept\":{\"k\":[3]},\"d\":\"topsecret\"}");
        String original = tree.toString();
        JsonNode masked = r.redactValues(tree);
        assertEquals("{\"a\":{\"b\":[1,\"x\",\"***\",{\"c\":2}]},\"kept\":{\"k\":[3]},\"d\":\"***\"}", masked.toString());
        assertEquals(original, tree.toString(), "the input is not changed");
        assertEquals(before, clean.toString());
        assertNotSame(tree, masked);
        assertNotSame(tree.get("a"), masked.get("a"));
        assertSame(tree.get("kept"), masked.get("kept"), "an unchanged member is shared");
        assertSame(tree.at("/a/b/3"), masked.at("/a/b/3"));
        // a masked property name copies its object too, keeping the members' order
        JsonNode named = new ObjectMapper().readTree("{\"z\":1,\"topsecret\":2,\"y\":3}");
        assertEquals("{\"z\":1,\"***\":2,\"y\":3}", r.redactValues(named).toString());
        // by name: the value under a secret-looking key is masked, the rest shared
        JsonNode arguments = new ObjectMapper().readTree("{\"user\":{\"n\":\"ada\"},\"password\":\"p\"}");
        JsonNode audited = r.redact(arguments);
        assertEquals("{\"user\":{\"n\":\"ada\"},\"password\":\"***\"}", audited.toString());
        assertSame(arguments.get("user"), audited.get("user"));
    }

    @Test
    void masksEveryCommonEncodingOfASecret() {
        Redactor r = new Redactor(List.of(SECRET));
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        String pair = Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes(StandardCharsets.UTF_8));
        String percent = URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20");
        for (String form : List.of(SECRET, SECRET.toUpperCase(), SECRET.toLowerCase(),
                Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                URLEncoder.encode(SECRET, StandardCharsets.UTF_8), percent, percent.toLowerCase(),
                "s3cr\\/et+Ab\\\"\\u00e9", "s3cr/et+Ab\\\"é", "s3cr/et+Ab&quot;é",
                Base64.getEncoder().encodeToString(percent.getBytes(StandardCharsets.UTF_8)))) {
            String text = "before " + form + " after";
            assertEquals("before *** after", r.redact(text), form);
        }
        // a Basic pair (and any text around the secret) encoded as a whole: the secret's own characters are masked
        String masked = r.redact("Basic " + pair);
        assertTrue(masked.startsWith("Basic dXNlcjp") && masked.contains("***"), masked);
        assertFalse(masked.contains(pair.substring(8, 20)), masked);
        assertSame("nothing secret here", r.redact("nothing secret here"));
    }

    @Test
    void secretsLearnedAtRunTimeAreMaskedFromThenOn() {
        Redactor r = new Redactor(List.of());
        assertEquals("token at-123456789", r.redact("token at-123456789"));
        r.register("at-123456789");
        r.register(" ");
        assertEquals("token ***", r.redact("token at-123456789"));
        assertEquals("token ***", r.redact("token " + Base64.getEncoder().encodeToString("at-123456789".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void learnedSecretsLiveAsLongAsTheirLifetimeNotUntilOthersPushThemOut() {
        long[] now = {0};
        Redactor r = new Redactor(List.of("configured-s3cret"), () -> now[0]);
        r.register("live-token-0001", Duration.ofMinutes(10));
        r.register("short-token-0002", Duration.ofSeconds(30));
        r.register("unknown-lifetime-0003");
        for (int i = 0; i < 5_000; i++) { // many callers' tokens, far more than the old fixed 256
            r.register("caller-" + i + "-token", Duration.ofMinutes(10));
        }
        assertEquals("*** *** ***", r.redact("live-token-0001 short-token-0002 unknown-lifetime-0003"));
        assertEquals(5_003, r.learnedCount());

        now[0] += Duration.ofSeconds(30).plus(Redactor.LEARNED_MARGIN).plusSeconds(1).toNanos();
        assertEquals(5_002, r.learnedCount(), "expired ones leave at the cache's maintenance");
        assertEquals("*** short-token-0002 ***", r.redact("live-token-0001 short-token-0002 unknown-lifetime-0003"),
                "a token is masked while it lives, and the margin after");
        r.register("live-token-0001", Duration.ZERO); // at 5 min 31 s: would end at 10 min 31 s if it shortened
        now[0] += Duration.ofMinutes(6).toNanos();
        assertEquals("***", r.redact("live-token-0001"), "registering again never shortens a secret's life");
        now[0] += Duration.ofMinutes(4).toNanos(); // 15 min 31 s: past 10 min + the margin
        assertEquals(1, r.learnedCount());
        assertEquals("live-token-0001 caller-7-token ***", r.redact("live-token-0001 caller-7-token "
                + "unknown-lifetime-0003"));
        now[0] += Redactor.DEFAULT_LIFETIME.toNanos();
        assertEquals(0, r.learnedCount());
        assertEquals("unknown-lifetime-0003", r.redact("unknown-lifetime-0003"));
        assertEquals("***", r.redact("configured-s3cret"));
    }

    @Test
    void manyLearnedSecretsAreFoundThroughTheIndexInEveryForm() {
        Redactor r = new Redactor(List.of());
        for (int i = 0; i < 2_000; i++) {
            r.register("tok-" + i + "-abcdefgh", Duration.ofMinutes(10));
        }
        r.register("q7", Duration.ofMinutes(10)); // shorter than the index's suffix
        String secret = "tok-1234-abcdefgh";
        String text = "a " + secret + " b " + secret.toUpperCase(java.util.Locale.ROOT) + " c "
                + Base64.getEncoder().encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8)) + " d "
                + URLEncoder.encode("x&" + secret, StandardCharsets.UTF_8) + " e tok-99999-abcdefgh q7";
        String masked = r.redact(text);
        assertFalse(masked.toLowerCase(java.util.Locale.ROOT).contains(secret), masked);
        assertFalse(masked.contains(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
                .substring(2, 12)), masked);
        assertTrue(masked.startsWith("a *** b *** c "), masked);
        assertTrue(masked.endsWith(" e tok-99999-abcdefgh ***"), "an unknown token stays: " + masked);
    }

    @Test
    void secretPropertyNamesIgnoreCaseSeparatorsAndCamelCase() {
        for (String name : List.of("password", "PASSWORD", "pass", "client_secret", "X-Api-Key", "api.key", "privateKey",
                "private_key", "sessionCookie", "Set-Cookie", "accessToken", "refresh-token", "pin", "PIN", "PIN_CODE",
                "cardPin", "card-pin", "pinCode", "otp", "passphrase", "credentials", "Authorization", "aws_access_key_id")) {
            assertTrue(Redactor.isSecretKey(name), name);
        }
        for (String name : List.of("passenger", "compass", "shipping", "mapping", "spinner", "keyword", "name", "id",
                "pineapple", "author", "")) {
            assertFalse(Redactor.isSecretKey(name), name);
        }
    }
}
