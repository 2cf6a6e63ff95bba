package dev.imcp.codegen.validate;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.NameSource;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.naming.ToolNameRules;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks what no single reader can: rules across all contracts of one adapter, after the naming pass
 * ({@link dev.imcp.codegen.naming.ToolNaming}), which makes every derived name valid and unique. What is left
 * are the names the contract or the configuration asked for explicitly.
 *
 * <ul>
 *   <li>{@code TOOL_NAME_INVALID}: a tool name outside {@code [A-Za-z0-9_-]}, or longer than the limit (64
 *       characters by default): an {@code x-mcp-name} or a {@code <tool><name>} that is published as it is.</li>
 *   <li>{@code TOOL_NAME_DUPLICATE}: two operations publish the same tool name, in one contract or two;
 *       reported at the second, naming the first.</li>
 *   <li>{@code TOOL_CLASS_CLASH}: two operations of one contract map to class names that differ only in case
 *       (the naming pass prevents it; kept as a guard).</li>
 * </ul>
 */
public final class ContractValidator {

    private final int maxNameLength;

    /**
     * Creates a validator; it holds no state between runs.
     *
     * @param maxNameLength the longest tool name allowed, in characters
     */
    public ContractValidator(int maxNameLength) {
        this.maxNameLength = maxNameLength;
    }

    /**
     * Validates {@code contracts} together.
     *
     * @param contracts every contract of the adapter, named, in configuration order
     * @param diagnostics where problems go
     */
    public void validate(List<ContractModel> contracts, Diagnostics diagnostics) {
        Map<String, OperationModel> byName = new HashMap<>();
        for (ContractModel contract : contracts) {
            Map<String, OperationModel> byJavaName = new HashMap<>();
            for (OperationModel op : contract.operations()) {
                if (!ToolNameRules.valid(op.toolName(), maxNameLength)) {
                    diagnostics.add(Diagnostic.error("TOOL_NAME_INVALID", op.location(),
                                    op.nameSource().label() + " '" + op.toolName() + "' is not a valid tool name: "
                                            + (op.toolName().length() > maxNameLength
                                                    ? op.toolName().length() + " characters, more than " + maxNameLength
                                                    : "it must match [A-Za-z0-9_-]+"))
                            .withFix(fix(op.nameSource())));
                }
                OperationModel first = byName.putIfAbsent(op.toolName(), op);
                if (first != null) {
                    diagnostics.add(Diagnostic.error("TOOL_NAME_DUPLICATE", op.location(),
                                    "tool name '" + op.toolName() + "' (" + op.nameSource().label()
                                            + ") is already used at " + first.location()
                                            + (first.location().pointer().isEmpty() ? "" : " " + first.location().pointer()))
                            .withFix("give one of them another name"));
                    continue;
                }
                OperationModel clash = byJavaName.putIfAbsent(op.javaName().toLowerCase(Locale.ROOT), op);
                if (clash != null) {
                    diagnostics.add(Diagnostic.error("TOOL_CLASS_CLASH", op.location(),
                                    "tools '" + clash.toolName() + "' and '" + op.toolName() + "' both map to class "
                                            + op.javaName() + "Tool")
                            .withFix("rename one of them so their names differ in more than case or punctuation"));
                }
            }
        }
    }

    private static String fix(NameSource source) {
        return switch (source) {
            case EXTENSION -> "change x-mcp-name to letters, digits, '_' and '-', within the limit";
            case CONFIGURATION -> "change the <name> of that <tool> in the plugin configuration";
            default -> "rename the operation in the contract, or name it with a <tool> in the plugin configuration";
        };
    }
}
