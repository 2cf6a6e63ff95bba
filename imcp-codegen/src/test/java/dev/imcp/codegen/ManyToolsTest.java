package dev.imcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adapter publishing more tools than GitHub Copilot takes in one request (128) builds, with the warning
 * {@code ADAPTER_MANY_TOOLS} saying so and how to publish fewer; at the limit there is no warning.
 */
class ManyToolsTest {

    @TempDir
    Path out;

    static String contract(int tools) {
        StringBuilder s = new StringBuilder("{\"name\": \"Many\", \"version\": \"1\", \"tools\": [");
        for (int i = 0; i < tools; i++) {
            s.append(i == 0 ? "" : ",").append("{\"name\": \"tool").append(i).append("\", \"description\": \"Tool ")
                    .append(i).append("\", \"inputSchema\": {\"type\": \"object\"}, \"endpoint\": {\"method\": \"GET\","
                            + " \"baseUrl\": \"http://127.0.0.1:9\", \"path\": \"/t/").append(i).append("\"}}");
        }
        return s.append("]}\n").toString();
    }

    List<Diagnostic> warnings(int tools) throws Exception {
        return new TinyProject(out).write("many.mcp.json", contract(tools)).generate().warnings();
    }

    @Test
    void moreThan128ToolsIsAWarningWithTheWayOut() throws Exception {
        List<Diagnostic> warnings = warnings(129);
        assertEquals(List.of("ADAPTER_MANY_TOOLS"), warnings.stream().map(Diagnostic::code).toList());
        Diagnostic d = warnings.get(0);
        assertTrue(d.message().startsWith("the adapter publishes 129 tools: GitHub Copilot (VS Code, JetBrains)"
                + " refuses a request with more than 128 tools"), d.message());
        assertTrue(d.fix().contains("<includeOperations>") && d.fix().contains("<excludeOperations>"), d.fix());
    }

    @Test
    void exactly128ToolsIsNoWarning() throws Exception {
        assertEquals(List.of(), warnings(128));
    }
}
