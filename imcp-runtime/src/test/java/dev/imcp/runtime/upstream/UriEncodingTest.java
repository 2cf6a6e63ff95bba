package dev.imcp.runtime.upstream;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UriEncodingTest {

    @Test
    void pathParamsAreEncodedAsOneSegment() {
        assertEquals("/pets/a%2Fb%20c%C3%A9/x", UriEncoding.expand("/pets/{id}/x", Map.of("id", "a/b cé")));
        assertThrows(IllegalArgumentException.class, () -> UriEncoding.expand("/pets/{id}", Map.of()));
    }

    @Test
    void dotSegmentsCannotWalkOutOfThePath() {
        assertEquals("/tenants/%2E%2E/users", UriEncoding.expand("/tenants/{t}/users", Map.of("t", "..")));
        assertEquals("/tenants/%2E/users", UriEncoding.expand("/tenants/{t}/users", Map.of("t", ".")));
        assertEquals("/tenants/...x/users", UriEncoding.expand("/tenants/{t}/users", Map.of("t", "...x")));
    }

    @Test
    void listsBecomeRepeatedParameters() {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("tag", List.of("a&b", "c"));
        q.put("n", List.of("1"));
        assertEquals("tag=a%26b&tag=c&n=1", UriEncoding.query(q));
    }
}
