package dev.imcp.codegen.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The character and length rules of tool names, on the names real APIs use. */
class ToolNameRulesTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "find pet by id            | find_pet_by_id",
        "meta/root                 | meta_root",
        "post_oauth2_token#refresh | post_oauth2_token_refresh",
        "get_info.0.json           | get_info_0_json",
        "get /pets/{petId}         | get_pets_petId",
        "/leading and trailing/    | leading_and_trailing",
        "café crème                | cafe_creme",
        "already-valid_Name9       | already-valid_Name9",
        "a_ b                      | a__b",
        "日本語                     | ''",
    })
    void sanitizeKeepsLettersDigitsUnderscoresAndHyphens(String name, String expected) {
        assertEquals(expected, ToolNameRules.sanitize(name));
    }

    @Test
    void validMeansTheCharactersAndTheLimit() {
        assertTrue(ToolNameRules.valid("get_pets-2", 64));
        assertFalse(ToolNameRules.valid("get.pets", 64), "no dot: model APIs refuse it");
        assertFalse(ToolNameRules.valid("", 64));
        assertTrue(ToolNameRules.valid("x".repeat(64), 64));
        assertFalse(ToolNameRules.valid("x".repeat(65), 64));
    }

    @Test
    void suffixedCutsToTheLimitWithAStableHash() {
        String name = "list_namespaced_horizontal_pod_autoscaler_status_for_all_namespaces_with_watch";
        String cut = ToolNameRules.suffixed(name, name, 64);
        assertEquals(64, cut.length());
        assertEquals(name.substring(0, 55) + "_" + ToolNameRules.hash8(name), cut);
        // Pinned: a change here renames published tools of every adapter that has such a name.
        assertEquals("376f88fb", ToolNameRules.hash8("find pet by id"));
        assertEquals(ToolNameRules.suffixed(name, name, 64), cut, "deterministic");
        assertTrue(ToolNameRules.suffixed(name, "other key", 64).startsWith(name.substring(0, 55) + "_"));
    }

    @Test
    void suffixedDropsSeparatorsBeforeTheSuffixAndKeepsShortNamesWhole() {
        assertEquals("ab_" + ToolNameRules.hash8("k"), ToolNameRules.suffixed("ab", "k", 64));
        String name = "x".repeat(6) + "__" + "y".repeat(20);
        assertEquals("xxxxxx_" + ToolNameRules.hash8("k"), ToolNameRules.suffixed(name, "k", 16));
    }
}
