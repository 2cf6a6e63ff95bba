package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which components a published schema keeps as {@code $defs}. */
class OpenApiDefinitionsTest {

    private static SchemaModel object(String... refs) {
        SchemaModel.Builder b = SchemaModel.builder(Kind.OBJECT).property("id", SchemaModel.builder(Kind.STRING).build());
        for (String ref : refs) {
            b.property(ref, SchemaModel.reference(ref).build());
        }
        return b.build();
    }

    @Test
    void usedOnceIsInlinedTwiceOrRecursiveIsADefinition() {
        Map<String, SchemaModel> bodies = new HashMap<>();
        bodies.put("Once", object());
        bodies.put("Twice", object());
        bodies.put("Self", object("Self"));
        SchemaModel root = SchemaModel.builder(Kind.OBJECT)
                .property("a", SchemaModel.reference("Once").description("the use's text").build())
                .property("b", SchemaModel.reference("Twice").build())
                .property("c", SchemaModel.reference("Twice").build())
                .property("d", SchemaModel.reference("Self").build())
                .build();
        SchemaModel published = new OpenApiDefinitions(bodies).publish(root);
        assertEquals(List.of("Self", "Twice"), List.copyOf(published.definitions().keySet()));
        assertEquals(Kind.OBJECT, published.properties().get("a").kind());
        assertEquals("the use's text", published.properties().get("a").description());
        assertNull(bodies.get("Once").description(), "the shared component is not changed");
    }

    @Test
    void pastTheBudgetAlternativesNamingObjectsAreCut() {
        Map<String, SchemaModel> bodies = new HashMap<>();
        SchemaModel.Builder union = SchemaModel.builder(Kind.ANY);
        for (int i = 0; i <= OpenApiDefinitions.MAX_DEFINITIONS; i++) {
            bodies.put("C" + i, object());
            union.anyOf(SchemaModel.reference("C" + i).build());
        }
        SchemaModel root = SchemaModel.builder(Kind.OBJECT).property("x", union.build()).property("y", union.build()).build();
        SchemaModel published = new OpenApiDefinitions(bodies).publish(root);
        assertEquals(Map.of(), published.definitions());
        SchemaModel first = published.properties().get("x").anyOf().get(0);
        assertEquals(Kind.OBJECT, first.kind());
        assertEquals(OpenApiDefinitions.MAX_DEFINITIONS + 1, published.properties().get("y").anyOf().size());
    }
}
