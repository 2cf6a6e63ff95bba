package dev.imcp.codegen.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.lock.Change.Impact;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each classification rule of {@link SurfaceDiff}, on tool entries as tools/list publishes them. */
class SurfaceDiffTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Compares one tool before and after; JSON with single quotes for readability. */
    private static List<Change> diff(String before, String after) {
        return SurfaceDiff.compare(surface("svc", "a", tool(before)), surface("svc", "a", tool(after)));
    }

    private static ObjectNode tool(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static BuildSurface surface(String service, String sha, ObjectNode... tools) {
        Map<String, ObjectNode> byName = new java.util.TreeMap<>();
        for (ObjectNode t : tools) {
            byName.put(t.get("name").asText(), t);
        }
        return new BuildSurface(Map.of(service, new BuildSurface.Service("contracts/" + service + ".yaml", sha, byName)));
    }

    /** Returns "IMPACT rule pointer" per change, for exact comparison. */
    private static List<String> summary(List<Change> changes) {
        return changes.stream().map(c -> c.impact() + " " + c.rule() + " " + c.pointer()).collect(Collectors.toList());
    }

    private static String in(String properties, String required) {
        return "{'name':'t','inputSchema':{'type':'object','properties':{" + properties + "}"
                + (required == null ? "" : ",'required':[" + required + "]") + "}}";
    }

    private static String out(String properties, String required) {
        return "{'name':'t','inputSchema':{'type':'object'},'outputSchema':{'type':'object','properties':{" + properties
                + "}" + (required == null ? "" : ",'required':[" + required + "]") + "}}";
    }

    @Test
    void identicalSurfacesHaveNoChange() {
        String t = in("'id':{'type':'integer'}", "'id'");
        assertEquals(List.of(), diff(t, t));
    }

    @Test
    void argumentsAddedRemovedAndMadeRequired() {
        assertEquals(List.of("COMPATIBLE argument-added /inputSchema/properties/q"),
                summary(diff(in("'id':{'type':'integer'}", null), in("'id':{'type':'integer'},'q':{'type':'string'}", null))));
        assertEquals(List.of("BREAKING required-argument-added /inputSchema/properties/q"),
                summary(diff(in("'id':{'type':'integer'}", null), in("'id':{'type':'integer'},'q':{'type':'string'}", "'q'"))));
        assertEquals(List.of("BREAKING argument-removed /inputSchema/properties/q"),
                summary(diff(in("'id':{'type':'integer'},'q':{'type':'string'}", null), in("'id':{'type':'integer'}", null))));
        assertEquals(List.of("BREAKING argument-now-required /inputSchema/required"),
                summary(diff(in("'id':{'type':'integer'}", null), in("'id':{'type':'integer'}", "'id'"))));
        assertEquals(List.of("COMPATIBLE argument-now-optional /inputSchema/required"),
                summary(diff(in("'id':{'type':'integer'}", "'id'"), in("'id':{'type':'integer'}", null))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2} {3}")
    @CsvSource(delimiter = ';', value = {
        "'type':'integer'; 'type':'number'; COMPATIBLE; type-widened",
        "'type':'number'; 'type':'integer'; BREAKING; type-narrowed",
        "'type':'string'; 'type':['string','null']; COMPATIBLE; type-widened",
        "'type':'string'; 'type':'boolean'; BREAKING; type-changed",
        "'type':'string','enum':['a','b']; 'type':'string','enum':['a','b','c']; COMPATIBLE; enum-widened",
        "'type':'string','enum':['a','b']; 'type':'string','enum':['a']; BREAKING; enum-narrowed",
        "'type':'string','enum':['a','b']; 'type':'string','enum':['a','c']; BREAKING; enum-changed",
        "'type':'string'; 'type':'string','enum':['a']; BREAKING; enum-narrowed",
        "'type':'string','const':'a'; 'type':'string'; COMPATIBLE; enum-widened",
        "'type':'integer','maximum':100; 'type':'integer','maximum':50; BREAKING; bounds-tightened",
        "'type':'integer','maximum':50; 'type':'integer','maximum':100; COMPATIBLE; bounds-loosened",
        "'type':'integer'; 'type':'integer','minimum':1; BREAKING; bounds-tightened",
        "'type':'string','minLength':3; 'type':'string'; COMPATIBLE; bounds-loosened",
        "'type':'string','maxLength':10; 'type':'string','maxLength':8; BREAKING; bounds-tightened",
        "'type':'array','minItems':1; 'type':'array','minItems':2; BREAKING; bounds-tightened",
        "'type':'number','multipleOf':0.5; 'type':'number','multipleOf':1; BREAKING; bounds-tightened",
        "'type':'number','multipleOf':1; 'type':'number','multipleOf':0.5; COMPATIBLE; bounds-loosened",
        "'type':'array'; 'type':'array','uniqueItems':true; BREAKING; bounds-tightened",
        "'type':'string'; 'type':'string','pattern':'^[a-z]+$'; BREAKING; pattern-changed",
        "'type':'string','pattern':'^[a-z]+$'; 'type':'string'; COMPATIBLE; pattern-changed",
        "'type':'string','format':'date'; 'type':'string','format':'date-time'; BREAKING; format-changed",
        "'type':'object'; 'type':'object','additionalProperties':false; BREAKING; additional-properties-closed",
        "'type':'object','additionalProperties':false; 'type':'object'; COMPATIBLE; additional-properties-opened",
        "'anyOf':[{'type':'string'}]; 'anyOf':[{'type':'string'},{'type':'integer'}]; COMPATIBLE; alternatives-added",
        "'anyOf':[{'type':'string'},{'type':'integer'}]; 'anyOf':[{'type':'string'}]; BREAKING; alternatives-removed",
        "'type':'string','default':'a'; 'type':'string','default':'b'; COMPATIBLE; default-changed",
        "'type':'string','description':'old'; 'type':'string','description':'new'; COSMETIC; schema-text-changed",
        "'type':'string','contentEncoding':'base64'; 'type':'string'; BREAKING; keyword-changed",
    })
    void argumentSchemaRules(String before, String after, Impact impact, String rule) {
        List<Change> changes = diff(in("'x':{" + before + "}", null), in("'x':{" + after + "}", null));
        assertEquals(1, changes.size(), () -> summary(changes).toString());
        assertEquals(impact, changes.get(0).impact(), () -> summary(changes).toString());
        assertEquals(rule, changes.get(0).rule());
        assertTrue(changes.get(0).pointer().startsWith("/inputSchema/properties/x"), changes.get(0).pointer());
    }

    @Test
    void outputsRunTheOtherWay() {
        assertEquals(List.of("COMPATIBLE output-field-added /outputSchema/properties/b"),
                summary(diff(out("'a':{'type':'string'}", null), out("'a':{'type':'string'},'b':{'type':'string'}", null))));
        assertEquals(List.of("BREAKING output-field-removed /outputSchema/properties/b"),
                summary(diff(out("'a':{'type':'string'},'b':{'type':'string'}", null), out("'a':{'type':'string'}", null))));
        assertEquals(List.of("BREAKING output-field-now-optional /outputSchema/required"),
                summary(diff(out("'a':{'type':'string'}", "'a'"), out("'a':{'type':'string'}", null))));
        // a result may now carry a value a client does not know: breaking; fewer values: compatible
        assertEquals(List.of("BREAKING enum-widened /outputSchema/properties/s/enum"),
                summary(diff(out("'s':{'enum':['a']}", null), out("'s':{'enum':['a','b']}", null))));
        assertEquals(List.of("COMPATIBLE type-narrowed /outputSchema/properties/n/type"),
                summary(diff(out("'n':{'type':'number'}", null), out("'n':{'type':'integer'}", null))));
        assertEquals(List.of("BREAKING output-schema-removed /outputSchema"),
                summary(diff(out("'a':{'type':'string'}", null), "{'name':'t','inputSchema':{'type':'object'}}")));
    }

    @Test
    void nestedObjectsArraysAndReferencesAreFollowed() {
        String before = "{'name':'t','inputSchema':{'type':'object','properties':{'pet':{'$ref':'#/$defs/Pet'},"
                + "'tags':{'type':'array','items':{'$ref':'#/$defs/Tag'}}},"
                + "'$defs':{'Pet':{'type':'object','properties':{'name':{'type':'string'},'parent':{'$ref':'#/$defs/Pet'}}},"
                + "'Tag':{'type':'string','maxLength':20}}}}";
        String after = before.replace("'name':{'type':'string'}", "'name':{'type':'string','minLength':1}")
                .replace("'maxLength':20", "'maxLength':30");
        assertEquals(List.of("BREAKING bounds-tightened /inputSchema/properties/pet/properties/name/minLength",
                        "COMPATIBLE bounds-loosened /inputSchema/properties/tags/items/maxLength"),
                summary(diff(before, after)));
    }

    @Test
    void annotationsThatLetAToolDoMoreAreBreaking() {
        String readOnly = "{'name':'t','inputSchema':{'type':'object'},'annotations':{'readOnlyHint':true,'destructiveHint':false}}";
        String writes = "{'name':'t','inputSchema':{'type':'object'},'annotations':{'destructiveHint':false}}";
        assertEquals(List.of("BREAKING annotation-widened /annotations/readOnlyHint"), summary(diff(readOnly, writes)));
        assertEquals(List.of("COMPATIBLE annotation-narrowed /annotations/readOnlyHint"), summary(diff(writes, readOnly)));
        // a missing destructiveHint means true (MCP ToolAnnotations default)
        String unknown = "{'name':'t','inputSchema':{'type':'object'}}";
        assertEquals(List.of("BREAKING annotation-widened /annotations/destructiveHint"), summary(diff(writes, unknown)));
    }

    @Test
    void descriptionOnlyChangesAreCosmetic() {
        List<Change> changes = diff("{'name':'t','title':'T','description':'old','inputSchema':{'type':'object'}}",
                "{'name':'t','title':'T2','description':'new','inputSchema':{'type':'object'}}");
        assertEquals(List.of("COSMETIC title-changed /title", "COSMETIC description-changed /description"), summary(changes));
    }

    @Test
    void removedRenamedAddedToolsAndContracts() {
        ObjectNode a = tool(in("'id':{'type':'integer'}", "'id'").replace("'t'", "'getPet'"));
        ObjectNode renamed = tool(in("'id':{'type':'integer'}", "'id'").replace("'t'", "'fetchPet'"));
        ObjectNode other = tool("{'name':'hello','inputSchema':{'type':'object'}}");
        BuildSurface before = new BuildSurface(Map.of(
                "pets", new BuildSurface.Service("c/pets.yaml", "1", Map.of("getPet", a)),
                "greeter", new BuildSurface.Service("c/greeter.wsdl", "2", Map.of("hello", other))));
        BuildSurface after = new BuildSurface(Map.of(
                "pets", new BuildSurface.Service("c/pets.yaml", "3", Map.of("fetchPet", tool(renamed.toString())))));
        List<Change> changes = SurfaceDiff.compare(before, after);
        assertEquals(List.of("BREAKING contract-removed ", "COSMETIC contract-changed ", "COMPATIBLE tool-added ",
                "BREAKING tool-removed ", "BREAKING tool-removed "), summary(changes));
        assertTrue(changes.get(0).detail().contains("c/greeter.wsdl") && changes.get(0).detail().contains("hello"),
                changes.get(0).detail());
        Change removed = changes.stream().filter(c -> "getPet".equals(c.tool())).findFirst().orElseThrow();
        assertTrue(removed.detail().contains("renamed to fetchPet"), removed.detail());
        assertEquals("BREAKING getPet: tool removed (renamed to fetchPet? it takes the same arguments) [tool-removed]",
                removed.line());
    }
}
