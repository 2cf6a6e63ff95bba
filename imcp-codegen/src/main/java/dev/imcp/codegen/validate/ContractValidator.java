package dev.imcp.codegen.validate;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks what no single reader can: rules across all contracts of one adapter.
 *
 * <ul>
 *   <li>{@code TOOL_NAME_INVALID}: a tool name outside {@code [A-Za-z0-9_.-]{1,128}} (MCP "Tools", tool names).</li>
 *   <li>{@code TOOL_NAME_DUPLICATE}: two operations publish the same tool name, in one contract or two;
 *       reported at the second, naming the first.</li>
 *   <li>{@code TOOL_CLASS_CLASH}: two operations of one contract map to the same Java class name.</li>
 * </ul>
 */
public final class ContractValidator {

    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** Creates a validator; it holds no state. */
    public ContractValidator() {
    }

    /**
     * Validates {@code contracts} together.
     *
     * @param contracts every contract of the adapter, in configuration order
     * @param diagnostics where problems go
     */
    public void validate(List<ContractModel> contracts, Diagnostics diagnostics) {
        Map<String, OperationModel> byName = new HashMap<>();
        for (ContractModel contract : contracts) {
            Map<String, OperationModel> byJavaName = new HashMap<>();
            for (OperationModel op : contract.operations()) {
                if (!TOOL_NAME.matcher(op.toolName()).matches()) {
                    diagnostics.add(Diagnostic.error("TOOL_NAME_INVALID", op.location(),
                                    "tool name '" + op.toolName() + "' does not match [A-Za-z0-9_.-]{1,128}")
                            .withFix("rename the operation (OpenAPI operationId, MCP JSON tools[].name)"));
                }
                OperationModel first = byName.putIfAbsent(op.toolName(), op);
                if (first != null) {
                    diagnostics.add(Diagnostic.error("TOOL_NAME_DUPLICATE", op.location(),
                                    "tool name '" + op.toolName() + "' is already used at " + first.location()
                                            + (first.location().pointer().isEmpty() ? "" : " " + first.location().pointer()))
                            .withFix("rename one of them (OpenAPI operationId, MCP JSON tools[].name, WSDL operation name)"));
                    continue;
                }
                OperationModel clash = byJavaName.putIfAbsent(op.javaName(), op);
                if (clash != null) {
                    diagnostics.add(Diagnostic.error("TOOL_CLASS_CLASH", op.location(),
                                    "tools '" + clash.toolName() + "' and '" + op.toolName() + "' both map to class "
                                            + op.javaName() + "Tool")
                            .withFix("rename one of them so their names differ in more than case or punctuation"));
                }
            }
        }
    }
}
