package dev.imcp.codegen.lock;

import dev.imcp.codegen.lock.Change.Impact;
import java.util.List;
import java.util.Map;

/**
 * The changelog {@code imcp:check} writes on every build ({@code target/imcp/changes.md}): Markdown a reviewer can
 * paste into a pull request. A summary line (counts by impact and the verdict), one table per impact (tool, JSON
 * pointer, what changed, rule) and the contracts with their SHA-256.
 */
public final class ChangeReport {

    private ChangeReport() {
    }

    /**
     * Returns the changelog.
     *
     * @param changes the differences ({@link SurfaceDiff#compare}); empty when nothing changed or there is no lock
     * @param lock the lockfile compared with, or {@code null} when the project has none
     * @param lockPath the lockfile's path as shown to the user
     * @param built the build's surface
     * @param verdict one sentence on the outcome (e.g. why breaking changes pass or fail the build)
     * @return the Markdown text, ending with a line break
     */
    public static String markdown(List<Change> changes, Lockfile lock, String lockPath, BuildSurface built,
            String verdict) {
        StringBuilder md = new StringBuilder("# Published tool changes\n\n");
        if (lock == null) {
            md.append("No lockfile at `").append(lockPath).append("`: all ").append(built.toolCount())
                    .append(" tool(s) of ").append(built.services().size())
                    .append(" contract(s) are new to it. Record them with `mvn imcp:lock` and commit the file.\n\n");
        } else {
            long breaking = count(changes, Impact.BREAKING);
            md.append("Compared with `").append(lockPath).append("` (taken at project version ")
                    .append(lock.projectVersion()).append(" by ").append(lock.generatedBy()).append("): ");
            if (changes.isEmpty()) {
                md.append("no change to the published tools.\n\n");
            } else {
                md.append("**").append(breaking).append(" breaking**, ").append(count(changes, Impact.COMPATIBLE))
                        .append(" compatible, ").append(count(changes, Impact.COSMETIC)).append(" cosmetic.\n\n");
            }
        }
        if (verdict != null && !verdict.isEmpty()) {
            md.append("> ").append(verdict).append("\n\n");
        }
        for (Impact impact : Impact.values()) {
            List<Change> these = changes.stream().filter(c -> c.impact() == impact).toList();
            if (these.isEmpty()) {
                continue;
            }
            md.append("## ").append(title(impact)).append(" (").append(these.size()).append(")\n\n")
                    .append("| Tool | Where | Change | Rule |\n|---|---|---|---|\n");
            for (Change c : these) {
                md.append("| ").append(c.tool() == null ? "contract `" + cell(c.service()) + "`" : "`" + cell(c.tool()) + "`")
                        .append(" | ").append(c.pointer().isEmpty() ? "" : "`" + cell(c.pointer()) + "`")
                        .append(" | ").append(cell(c.detail()))
                        .append(" | `").append(c.rule()).append("` |\n");
            }
            md.append('\n');
        }
        md.append("## Contracts\n\n| Service | Contract | Tools | SHA-256 |\n|---|---|---|---|\n");
        for (Map.Entry<String, BuildSurface.Service> e : built.services().entrySet()) {
            md.append("| `").append(cell(e.getKey())).append("` | `").append(cell(e.getValue().contract())).append("` | ")
                    .append(e.getValue().tools().size()).append(" | `").append(e.getValue().sha256()).append("` |\n");
        }
        return md.toString();
    }

    private static long count(List<Change> changes, Impact impact) {
        return changes.stream().filter(c -> c.impact() == impact).count();
    }

    private static String title(Impact impact) {
        return switch (impact) {
            case BREAKING -> "Breaking";
            case COMPATIBLE -> "Compatible";
            case COSMETIC -> "Cosmetic";
        };
    }

    /** Keeps a value inside its table cell: no pipe, no line break. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ").replace("`", "'");
    }
}
