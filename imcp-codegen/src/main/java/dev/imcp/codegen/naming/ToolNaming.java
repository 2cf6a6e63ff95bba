package dev.imcp.codegen.naming;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.NameSource;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.OperationModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The naming pass: decides every tool name and every tool class name of the adapter, after reading and before
 * validation, and reports each change at the operation.
 *
 * <p>An explicit name ({@link NameSource#explicit()}: {@code <tool><name>} of the configuration, {@code x-mcp-name})
 * is kept as it is; {@link dev.imcp.codegen.validate.ContractValidator} fails the build when it is invalid or used
 * twice. Every other name is derived, in contract order then operation order:
 * <ol>
 *   <li>made valid by {@link ToolNameRules#sanitize} ({@code TOOL_NAME_SANITIZED}, a note; nothing is reported for
 *       a name made from method and path, where this is the documented rule); a name with no usable character
 *       becomes {@code tool_<hash>};</li>
 *   <li>when longer than the limit, cut to it with {@link ToolNameRules#suffixed}, the suffix hashing the requested
 *       name ({@code TOOL_NAME_SHORTENED}, a warning);</li>
 *   <li>when an explicit name or an earlier operation of any contract already has it, suffixed the same way, the
 *       suffix hashing the service id and the operation's JSON pointer or XPath ({@code TOOL_NAME_COLLISION}, a
 *       warning naming the other operation). Explicit names are reserved first, so they always win.</li>
 * </ol>
 * The class name stem is the tool name in UpperCamelCase ({@link Names#upperCamel}); when another operation of the
 * same contract has the same stem ignoring case (so that two classes never differ only in case, which breaks on
 * case-insensitive file systems), {@code 2}, {@code 3}, ... is appended.
 */
public final class ToolNaming {

    private final int maxLength;

    /**
     * Creates the pass.
     *
     * @param maxLength the longest tool name, at least 16 characters
     */
    public ToolNaming(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * The renamed contracts and what the pass reported.
     *
     * @param contracts the contracts in the same order, operations renamed
     * @param diagnostics by service id in contract order, the notes and warnings of that contract's operations, in
     *     operation order
     */
    public record Result(List<ContractModel> contracts, Map<String, List<Diagnostic>> diagnostics) {
        /** Copies the collections. */
        public Result {
            contracts = List.copyOf(contracts);
            diagnostics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
        }
    }

    /**
     * Names every operation of {@code contracts}.
     *
     * @param contracts the contracts of the adapter, as read, in configuration order
     * @return the renamed contracts and the diagnostics
     */
    public Result name(List<ContractModel> contracts) {
        Map<String, OperationModel> taken = new HashMap<>();
        for (ContractModel contract : contracts) {
            for (OperationModel op : contract.operations()) {
                if (op.nameSource().explicit()) {
                    taken.putIfAbsent(op.toolName(), op);
                }
            }
        }
        List<ContractModel> renamed = new ArrayList<>();
        Map<String, List<Diagnostic>> diagnostics = new LinkedHashMap<>();
        for (ContractModel contract : contracts) {
            List<Diagnostic> found = new ArrayList<>();
            Set<String> javaNames = new HashSet<>();
            List<OperationModel> operations = new ArrayList<>();
            for (OperationModel op : contract.operations()) {
                String name = op.nameSource().explicit() ? op.toolName() : derive(contract, op, taken, found);
                operations.add(op.withNames(name, javaName(name, javaNames)));
            }
            renamed.add(contract.withOperations(operations));
            diagnostics.put(contract.serviceId(), List.copyOf(found));
        }
        return new Result(renamed, diagnostics);
    }

    private String derive(ContractModel contract, OperationModel op, Map<String, OperationModel> taken,
            List<Diagnostic> found) {
        String requested = op.toolName();
        String name = ToolNameRules.sanitize(requested);
        if (name.isEmpty()) {
            name = "tool_" + ToolNameRules.hash8(requested);
        }
        String what = op.nameSource().label() + " '" + requested + "'";
        if (name.length() > maxLength) {
            String shortened = ToolNameRules.suffixed(name, requested, maxLength);
            found.add(Diagnostic.warning("TOOL_NAME_SHORTENED", op.location(), what + " makes a tool name of "
                            + name.length() + " characters, more than the limit of " + maxLength + "; published as '"
                            + shortened + "'")
                    .withFix(fix(op.nameSource()) + ", or raise <toolNameMaxLength>"));
            name = shortened;
        } else if (!name.equals(requested) && op.nameSource() != NameSource.METHOD_AND_PATH) {
            found.add(Diagnostic.info("TOOL_NAME_SANITIZED", op.location(), what
                            + " is not a valid MCP tool name ([A-Za-z0-9_-]); published as '" + name + "'")
                    .withFix(fix(op.nameSource())));
        }
        OperationModel owner = taken.get(name);
        if (owner != null) {
            String key = contract.serviceId() + " " + op.location().pointer();
            String unique = ToolNameRules.suffixed(name, key, maxLength);
            for (int i = 2; taken.containsKey(unique); i++) {
                unique = ToolNameRules.suffixed(name, key + " " + i, maxLength);
            }
            found.add(Diagnostic.warning("TOOL_NAME_COLLISION", op.location(), "tool name '" + name
                            + "' (from " + what + ") is already published for " + owner.location()
                            + (owner.location().pointer().isEmpty() ? "" : " " + owner.location().pointer())
                            + "; this operation is published as '" + unique + "'")
                    .withFix(fix(op.nameSource())));
            name = unique;
        }
        taken.put(name, op);
        return name;
    }

    private static String javaName(String toolName, Set<String> used) {
        String base = Names.upperCamel(toolName);
        String candidate = base;
        for (int i = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = base + i;
        }
        return candidate;
    }

    private static String fix(NameSource source) {
        String tool = "add a <tool> with its <operation> and a <name> to the plugin configuration";
        return switch (source) {
            case OPERATION_ID, METHOD_AND_PATH -> "set x-mcp-name on the operation, or " + tool;
            default -> tool;
        };
    }
}
