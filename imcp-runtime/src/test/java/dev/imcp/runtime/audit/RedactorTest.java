package dev.imcp.runtime.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactorTest {

    @Test
    void masksSecretKeysAndConfiguredValues() throws Exception {
        Redactor r = new Redactor(List.of("topsecret", ""));
        JsonNode in = new ObjectMapper().readTree(
                "{\"password\":\"p\",\"api_key\":\"k\",\"Authorization\":\"x\",\"nested\":{\"clientSecret\":1,"
                        + "\"note\":\"has topsecret inside\"},\"list\":[\"topsecret\"],\"name\":\"ok\"}");
        assertEquals("{\"password\":\"***\",\"api_key\":\"***\",\"Authorization\":\"***\",\"nested\":{\"clientSecret\":\"***\","
                + "\"note\":\"has *** inside\"},\"list\":[\"***\"],\"name\":\"ok\"}", r.redact(in).toString());
        assertEquals("Bearer ***", r.redact("Bearer topsecret"));
    }
}
