package dev.imcp.codegen.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The selector language: each form, globs, and the message of each mistake. */
class OperationSelectorTest {

    static final OperationFacts GET_PET = new OperationFacts("petstore", "getPet", "GET", "/pets/{petId}",
            List.of("pets", "Sign Requests"));
    static final OperationFacts SOAP = new OperationFacts("hello", "greetMe", null, null, List.of());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "tag:pets                      | true",
        "tag:PETS                      | true",
        "tag:\"sign requests\"         | true",
        "tag:sign*                     | true",
        "tag:store                     | false",
        "operationId:getPet            | true",
        "operationId:get*              | true",
        "getPet                        | true",
        "getpet                        | false",
        "\"getPet\"                    | true",
        "method:get                    | true",
        "GET                           | true",
        "DELETE                        | false",
        "path:/pets/*                  | true",
        "/pets/{petId}                 | true",
        "/pets/**                      | true",
        "/pets                         | false",
        "/*                            | false",
        "/**                           | true",
        "/pets/{pet?d}                 | true",
        "GET /pets/{petId}             | true",
        "POST /pets/{petId}            | false",
        "service:petstore tag:pets GET | true",
        "service:pet*                  | true",
        "service:other                 | false",
    })
    void matches(String selector, boolean expected) {
        assertEquals(expected, OperationSelector.parse(selector).matches(GET_PET), selector);
    }

    @Test
    void aTrailingDoubleStarAlsoMatchesThePathItself() {
        OperationFacts list = new OperationFacts("petstore", "listPets", "GET", "/pets", List.of());
        assertTrue(OperationSelector.parse("/pets/**").matches(list));
        assertFalse(OperationSelector.parse("/pets/*").matches(list));
        assertFalse(OperationSelector.parse("/pe/**").matches(list));
    }

    @Test
    void soapOperationsMatchByNameAndServiceOnly() {
        assertTrue(OperationSelector.parse("greetMe").matches(SOAP));
        assertTrue(OperationSelector.parse("service:hello").matches(SOAP));
        assertFalse(OperationSelector.parse("method:POST").matches(SOAP));
        assertFalse(OperationSelector.parse("/**").matches(SOAP));
        assertFalse(OperationSelector.parse("tag:*").matches(SOAP));
    }

    @Test
    void anOperationIdWithSpacesOrAColonIsQuoted() {
        OperationFacts odd = new OperationFacts("box", "post_oauth2_token#refresh", "POST", "/oauth2/token#refresh", List.of());
        assertTrue(OperationSelector.parse("post_oauth2_token#refresh").matches(odd));
        OperationFacts spaced = new OperationFacts("p", "find pet by id", "GET", "/pets/{id}", List.of());
        assertTrue(OperationSelector.parse("\"find pet by id\"").matches(spaced));
        OperationFacts colon = new OperationFacts("p", "repos:get", "GET", "/repos", List.of());
        assertTrue(OperationSelector.parse("operationId:\"repos:get\"").matches(colon));
    }

    @Test
    void mistakesAreNamedWithTheFormsAllowed() {
        String unknown = assertThrows(IllegalArgumentException.class, () -> OperationSelector.parse("label:pets")).getMessage();
        assertTrue(unknown.startsWith("'label:pets' has an unknown key 'label' (an operationId with a colon is written "
                + "operationId:\"label:pets\"); write tag:<tag>, operationId:<id>, method:<METHOD>, path:</path/glob>, "
                + "service:<serviceId>, or a method and a path such as 'GET /pets/{petId}'"), unknown);
        assertEquals("'method:FETCH' names no HTTP method; use one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE",
                assertThrows(IllegalArgumentException.class, () -> OperationSelector.parse("method:FETCH")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OperationSelector.parse("tag:"))
                .getMessage().startsWith("'tag:' has an empty value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OperationSelector.parse("tag:\"open"))
                .getMessage().startsWith("'tag:\"open' has an unclosed double quote"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OperationSelector.parse("  "))
                .getMessage().startsWith("an operation selector must not be empty"));
    }
}
