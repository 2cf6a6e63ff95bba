package dev.imcp.codegen.lock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The changelog's tables and summary. */
class ChangeReportTest {

    @Test
    void listsEachImpactInItsTableAndKeepsCellsOnOneLine() {
        BuildSurface built = new BuildSurface(Map.of("pets",
                new BuildSurface.Service("src/main/contracts/pets.yaml", "ab12", Map.of())));
        Lockfile lock = new Lockfile(1, "iMCP 0.1.0", "1.0.0", built);
        List<Change> changes = List.of(
                new Change(Change.Impact.BREAKING, "pets", "getPet", "/inputSchema/properties/id", "argument-removed",
                        "argument id removed"),
                new Change(Change.Impact.COSMETIC, "pets", "getPet", "/description", "description-changed",
                        "a | b\nc"));
        String md = ChangeReport.markdown(changes, lock, "src/main/contracts/imcp.lock.json", built, "It fails.");
        assertTrue(md.startsWith("# Published tool changes\n\nCompared with `src/main/contracts/imcp.lock.json` (taken at "
                + "project version 1.0.0 by iMCP 0.1.0): **1 breaking**, 0 compatible, 1 cosmetic.\n\n> It fails.\n\n"), md);
        assertTrue(md.contains("## Breaking (1)\n\n| Tool | Where | Change | Rule |\n|---|---|---|---|\n"
                + "| `getPet` | `/inputSchema/properties/id` | argument id removed | `argument-removed` |\n"), md);
        assertTrue(md.contains("| a \\| b c |"), md);
        assertTrue(!md.contains("## Compatible"), md);
        assertTrue(md.contains("| `pets` | `src/main/contracts/pets.yaml` | 0 | `ab12` |"), md);
    }

    @Test
    void withoutALockEveryToolIsNew() {
        BuildSurface built = new BuildSurface(Map.of());
        String md = ChangeReport.markdown(List.of(), null, "imcp.lock.json", built, "");
        assertTrue(md.contains("No lockfile at `imcp.lock.json`: all 0 tool(s) of 0 contract(s) are new to it. Record "
                + "them with `mvn imcp:lock`"), md);
    }
}
