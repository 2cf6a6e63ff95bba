package dev.imcp.codegen.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lockfile's layout, its round trip and its errors. */
class LockfileTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Lockfile sample() throws Exception {
        ObjectNode get = (ObjectNode) MAPPER.readTree("{\"name\":\"getPet\",\"description\":\"Gets \\\"one\\\" pet\","
                + "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}},"
                + "\"annotations\":{\"readOnlyHint\":true}}");
        ObjectNode list = (ObjectNode) MAPPER.readTree("{\"name\":\"listPets\",\"inputSchema\":{\"type\":\"object\"}}");
        return new Lockfile(1, "iMCP 0.1.0", "1.2.0", new BuildSurface(Map.of(
                "pets", new BuildSurface.Service("src/main/contracts/pets.yaml", "ab12", Map.of("listPets", list, "getPet", get)),
                "empty", new BuildSurface.Service("src/main/contracts/empty.yaml", "cd34", Map.of()))));
    }

    @Test
    void writesOneToolPerLineInNameOrderAndReadsItBack() throws Exception {
        Lockfile lock = sample();
        String text = lock.text();
        assertEquals("""
                {
                  "lockfileVersion": 1,
                  "generatedBy": "iMCP 0.1.0",
                  "projectVersion": "1.2.0",
                  "services": {
                    "empty": {
                      "contract": "src/main/contracts/empty.yaml",
                      "sha256": "cd34",
                      "tools": []
                    },
                    "pets": {
                      "contract": "src/main/contracts/pets.yaml",
                      "sha256": "ab12",
                      "tools": [
                        {"name":"getPet","description":"Gets \\"one\\" pet","inputSchema":{"type":"object","properties":{"id":{"type":"integer"}}},"annotations":{"readOnlyHint":true}},
                        {"name":"listPets","inputSchema":{"type":"object"}}
                      ]
                    }
                  }
                }
                """, text);
        Lockfile read = Lockfile.read(text, "imcp.lock.json", "0.1.0");
        assertEquals(lock, read);
        assertEquals(text, read.text());
        MAPPER.readTree(text); // plain JSON
    }

    @Test
    void syntaxErrorsSayFileLineAndColumn() throws Exception {
        String broken = sample().text().replace("\"sha256\": \"ab12\",", "\"sha256\": \"ab12\"");
        LockfileException e = assertThrows(LockfileException.class,
                () -> Lockfile.read(broken, "src/main/contracts/imcp.lock.json", "0.1.0"));
        assertEquals("LOCK_INVALID", e.code());
        assertTrue(e.getMessage().startsWith("src/main/contracts/imcp.lock.json:14:7 [LOCK_INVALID] not valid JSON: "),
                e.getMessage());
    }

    @Test
    void shapeErrorsAreLocatedToo() throws Exception {
        String noSchema = sample().text().replace("{\"name\":\"listPets\",\"inputSchema\":{\"type\":\"object\"}}",
                "{\"name\":\"listPets\"}");
        LockfileException e = assertThrows(LockfileException.class, () -> Lockfile.read(noSchema, "lock.json", "0.1.0"));
        assertEquals("lock.json:16:9 [LOCK_INVALID] a tool needs a \"name\" and an \"inputSchema\" object", e.getMessage());
        LockfileException notLock = assertThrows(LockfileException.class,
                () -> Lockfile.read("{\"tools\": []}", "lock.json", "0.1.0"));
        assertTrue(notLock.getMessage().startsWith("lock.json:1:1 [LOCK_INVALID] no \"lockfileVersion\""), notLock.getMessage());
        LockfileException array = assertThrows(LockfileException.class, () -> Lockfile.read("[]", "lock.json", "0.1.0"));
        assertEquals("lock.json:1:1 [LOCK_INVALID] a lockfile is a JSON object", array.getMessage());
    }

    @Test
    void aLockfileFromANewerImcpNamesIt() throws Exception {
        String newer = sample().text().replace("\"lockfileVersion\": 1", "\"lockfileVersion\": 2")
                .replace("iMCP 0.1.0", "iMCP 3.0.0").replace("\"services\": {", "\"future\": {\"x\": [1]},\n  \"services\": {");
        LockfileException e = assertThrows(LockfileException.class, () -> Lockfile.read(newer, "imcp.lock.json", "0.1.0"));
        assertEquals("LOCK_VERSION", e.code());
        assertEquals("imcp.lock.json:2:22 [LOCK_VERSION] written by iMCP 3.0.0 (lockfile version 2); this iMCP (0.1.0) "
                + "reads lockfile version 1: upgrade imcp-maven-plugin to the version that wrote it or later", e.getMessage());
    }
}
