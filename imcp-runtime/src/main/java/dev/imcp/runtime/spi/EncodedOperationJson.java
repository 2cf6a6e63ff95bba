package dev.imcp.runtime.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.xml.namespace.QName;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads and writes the JSON form of {@link EncodedOperation}; Jackson stays out of the public signatures. */
final class EncodedOperationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> OPERATION = Set.of("name", "namespace", "soapAction", "encodingStyle",
            "input", "output", "types");
    private static final Set<String> PART = Set.of("name", "type");
    private static final Set<String> STRUCT = Set.of("name", "fields");
    private static final Set<String> ARRAY = Set.of("name", "arrayOf");
    private static final Set<String> FIELD = Set.of("name", "type", "minOccurs", "nillable", "repeated");

    private EncodedOperationJson() {
    }

    static EncodedOperation read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("encoded operation descriptor is not JSON: " + e.getOriginalMessage());
        }
        check(root, OPERATION, "");
        List<EncodedTypes.Type> types = new ArrayList<>();
        int i = 0;
        for (JsonNode t : array(root, "types", "")) {
            String at = "/types/" + i++;
            if (t.has("arrayOf")) {
                check(t, ARRAY, at);
                types.add(new EncodedTypes.ArrayOf(qname(t, "name", at, true), qname(t, "arrayOf", at, false)));
            } else {
                check(t, STRUCT, at);
                List<EncodedTypes.Field> fields = new ArrayList<>();
                int j = 0;
                for (JsonNode f : array(t, "fields", at)) {
                    String fat = at + "/fields/" + j++;
                    check(f, FIELD, fat);
                    fields.add(new EncodedTypes.Field(text(f, "name", fat, true), qname(f, "type", fat, false),
                            f.path("minOccurs").asInt(1), f.path("nillable").asBoolean(false),
                            f.path("repeated").asBoolean(false)));
                }
                types.add(new EncodedTypes.Struct(qname(t, "name", at, true), fields));
            }
        }
        return new EncodedOperation(text(root, "name", "", true), text(root, "namespace", "", false),
                text(root, "soapAction", "", false), text(root, "encodingStyle", "", false),
                parts(root, "input"), parts(root, "output"), EncodedTypes.of(types));
    }

    static String write(EncodedOperation op) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", op.name());
        root.put("namespace", op.namespace());
        root.put("soapAction", op.soapAction());
        root.put("encodingStyle", op.encodingStyle());
        writeParts(root.putArray("input"), op.input());
        writeParts(root.putArray("output"), op.output());
        ArrayNode types = root.putArray("types");
        for (EncodedTypes.Type t : op.types().all()) {
            ObjectNode n = types.addObject();
            n.put("name", t.name().toString());
            if (t instanceof EncodedTypes.ArrayOf a) {
                putType(n, "arrayOf", a.itemType());
            } else if (t instanceof EncodedTypes.Struct s) {
                ArrayNode fields = n.putArray("fields");
                for (EncodedTypes.Field f : s.fields()) {
                    ObjectNode fn = fields.addObject();
                    fn.put("name", f.name());
                    putType(fn, "type", f.type());
                    if (f.minOccurs() != 1) {
                        fn.put("minOccurs", f.minOccurs());
                    }
                    if (f.nillable()) {
                        fn.put("nillable", true);
                    }
                    if (f.repeated()) {
                        fn.put("repeated", true);
                    }
                }
            }
        }
        return root.toString();
    }

    private static void writeParts(ArrayNode out, List<EncodedOperation.Part> parts) {
        for (EncodedOperation.Part p : parts) {
            ObjectNode n = out.addObject();
            n.put("name", p.name());
            putType(n, "type", p.type());
        }
    }

    private static void putType(ObjectNode n, String key, QName type) {
        if (type == null) {
            n.putNull(key);
        } else {
            n.put(key, type.toString());
        }
    }

    private static List<EncodedOperation.Part> parts(JsonNode root, String key) {
        List<EncodedOperation.Part> out = new ArrayList<>();
        int i = 0;
        for (JsonNode p : array(root, key, "")) {
            String at = "/" + key + "/" + i++;
            check(p, PART, at);
            out.add(new EncodedOperation.Part(text(p, "name", at, true), qname(p, "type", at, false)));
        }
        return out;
    }

    private static void check(JsonNode node, Set<String> allowed, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("encoded operation descriptor" + at + ": expected an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("encoded operation descriptor" + at + ": unknown property '"
                        + name + "'; allowed: " + allowed.stream().sorted().toList());
            }
        }
    }

    private static Iterable<JsonNode> array(JsonNode node, String key, String at) {
        JsonNode a = node.get(key);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("encoded operation descriptor" + at + "/" + key + ": expected an array");
        }
        return a;
    }

    private static String text(JsonNode node, String key, String at, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("encoded operation descriptor" + at + "/" + key + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("encoded operation descriptor" + at + "/" + key + ": expected a string");
        }
        return v.asText();
    }

    private static QName qname(JsonNode node, String key, String at, boolean required) {
        String s = text(node, key, at, required);
        if (s == null) {
            return null;
        }
        try {
            return QName.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encoded operation descriptor" + at + "/" + key
                    + ": expected {namespace}localName, got '" + s + "'");
        }
    }
}
