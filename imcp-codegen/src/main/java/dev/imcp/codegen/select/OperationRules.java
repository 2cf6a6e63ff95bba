package dev.imcp.codegen.select;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@link ToolOptions} to the operations of one generation run, remembering which selectors and
 * overrides matched something, so that those that matched nothing can be reported. Readers call it once per
 * operation, before converting it; not thread-safe.
 */
public final class OperationRules {

    private final ToolOptions options;
    private final Set<Object> used = new HashSet<>();

    /**
     * Creates the rules of one run.
     *
     * @param options the configuration
     */
    public OperationRules(ToolOptions options) {
        this.options = options;
    }

    /** Returns the options applied. */
    public ToolOptions options() {
        return options;
    }

    /**
     * Returns why {@code op} is not published, or {@code null} when it is.
     *
     * @param op the operation
     * @return {@code "it matches <excludeOperations> 'tag:admin'"}, {@code "it matches no selector of
     *     <includeOperations>"}, or {@code null}
     */
    public String exclusion(OperationFacts op) {
        boolean included = options.includes().isEmpty();
        for (OperationSelector s : options.includes()) {
            if (s.matches(op)) {
                used.add(s);
                included = true;
            }
        }
        String excluded = null;
        for (OperationSelector s : options.excludes()) {
            if (s.matches(op)) {
                used.add(s);
                excluded = excluded == null ? "it matches <excludeOperations> '" + s.text() + "'" : excluded;
            }
        }
        if (excluded != null) {
            return excluded;
        }
        return included ? null : "it matches no selector of <includeOperations>";
    }

    /**
     * Returns the configuration's settings for {@code op}: every override that selects it, merged in order (a later
     * name or hint replaces an earlier one).
     *
     * @param op a published operation
     * @return the merged override ({@code null} name and no hints when none selects it)
     */
    public ToolOverride override(OperationFacts op) {
        String name = null;
        Map<String, Boolean> hints = new LinkedHashMap<>();
        OperationSelector first = null;
        for (ToolOverride o : options.overrides()) {
            if (o.operation().matches(op)) {
                used.add(o);
                first = first == null ? o.operation() : first;
                name = o.name() == null ? name : o.name();
                hints.putAll(o.annotations());
            }
        }
        return first == null ? null : new ToolOverride(first, name, hints);
    }

    /**
     * Returns the note that says an operation is not published ({@code OPERATION_EXCLUDED}), which the build log
     * counts per contract.
     *
     * @param op the operation
     * @param reason why, as {@link #exclusion} or the reader words it ({@code "the contract marks it x-mcp: false"})
     * @param at where the operation is
     * @return the note
     */
    public static Diagnostic excluded(OperationFacts op, String reason, SourceLocation at) {
        return Diagnostic.excluded("OPERATION_EXCLUDED", at, op.describe() + " is not published: " + reason);
    }

    /**
     * Returns a warning ({@code OPERATION_SELECTOR_UNUSED}) for each selector that matched no operation of any
     * contract, and each override that selected no published operation: most often a typo.
     *
     * @return the warnings, in configuration order
     */
    public List<Diagnostic> unused() {
        List<Diagnostic> warnings = new ArrayList<>();
        unused(options.includes(), "<includeOperations>", warnings);
        unused(options.excludes(), "<excludeOperations>", warnings);
        for (ToolOverride o : options.overrides()) {
            if (!used.contains(o)) {
                warnings.add(warning("<tools>", "<tool> with <operation>" + o.operation().text() + "</operation>",
                        "selects no published operation"));
            }
        }
        return warnings;
    }

    private void unused(List<OperationSelector> selectors, String element, List<Diagnostic> warnings) {
        for (OperationSelector s : selectors) {
            if (!used.contains(s)) {
                warnings.add(warning(element, "selector '" + s.text() + "'", "matches no operation of any contract"));
            }
        }
    }

    private static Diagnostic warning(String element, String what, String problem) {
        return Diagnostic.warning("OPERATION_SELECTOR_UNUSED", SourceLocation.of(element, ""), what + " " + problem)
                .withFix("check it against the contracts' operationIds, tags, methods and paths, or remove it");
    }
}
