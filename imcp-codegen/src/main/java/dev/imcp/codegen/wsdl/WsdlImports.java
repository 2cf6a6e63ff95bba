package dev.imcp.codegen.wsdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.wsdl.Binding;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Fault;
import javax.wsdl.Import;
import javax.wsdl.Message;
import javax.wsdl.Operation;
import javax.wsdl.Port;
import javax.wsdl.PortType;
import javax.wsdl.Service;
import javax.xml.namespace.QName;

/**
 * The WSDL documents a contract spans: the main one and those it reaches through {@code wsdl:import} (WSDL 1.1
 * section 2.1.1), each once.
 *
 * <p>wsdl4j's own {@code getAll*} methods recurse through imports without remembering where they have been, so two
 * WSDLs that import each other (which real services publish, and which wsdl4j reads without complaint) overflow
 * the stack there. Everything that walks imports goes through here instead.
 */
final class WsdlImports {

    private WsdlImports() {
    }

    /**
     * Returns {@code root} and every WSDL it imports, directly or not, each once: depth first, in the order of
     * the {@code wsdl:import}s as wsdl4j keeps them (a hash map by namespace: stable from run to run, not
     * document order).
     */
    static List<Definition> closure(Definition root) {
        List<Definition> all = new ArrayList<>();
        Set<Definition> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(root, seen, all);
        return all;
    }

    /** Every {@code wsdl:service} of {@code root} and of the WSDLs it imports; a service two documents share once. */
    static List<Service> services(Definition root) {
        List<Service> services = new ArrayList<>();
        Set<QName> names = new HashSet<>();
        for (Definition d : closure(root)) {
            for (Object s : d.getServices().values()) {
                if (names.add(((Service) s).getQName())) {
                    services.add((Service) s);
                }
            }
        }
        return services;
    }

    /**
     * Points the ports, bindings, operations and faults of every document of {@code root}'s closure at the bindings,
     * port types and messages that some document of it defines, where wsdl4j left a placeholder
     * ({@code isUndefined()}).
     *
     * <p>wsdl4j reads an imported WSDL before the rest of the importing one. When the import leads back (A imports
     * B, B imports A), B's references to A's port types and messages are resolved while A is still half read, so
     * they stay placeholders without operations or parts, though A defines them a few lines later.
     */
    static void resolvePlaceholders(Definition root) {
        List<Definition> all = closure(root);
        Map<QName, PortType> portTypes = new HashMap<>();
        Map<QName, Message> messages = new HashMap<>();
        for (Definition d : all) {
            for (Object o : d.getPortTypes().values()) {
                PortType pt = (PortType) o;
                if (!pt.isUndefined()) {
                    portTypes.putIfAbsent(pt.getQName(), pt);
                }
            }
            for (Object o : d.getMessages().values()) {
                Message m = (Message) o;
                if (!m.isUndefined()) {
                    messages.putIfAbsent(m.getQName(), m);
                }
            }
        }
        Map<QName, Binding> bindings = new HashMap<>();
        for (Definition d : all) {
            for (Object o : d.getBindings().values()) {
                Binding b = (Binding) o;
                if (!b.isUndefined()) {
                    bindings.putIfAbsent(b.getQName(), b);
                }
            }
        }
        for (Definition d : all) {
            for (Object s : d.getServices().values()) {
                for (Object p : ((Service) s).getPorts().values()) {
                    Port port = (Port) p;
                    if (port.getBinding() != null && port.getBinding().isUndefined()
                            && bindings.containsKey(port.getBinding().getQName())) {
                        port.setBinding(bindings.get(port.getBinding().getQName()));
                    }
                }
            }
            for (Object o : d.getPortTypes().values()) {
                for (Object op : ((PortType) o).getOperations()) {
                    resolveMessages((Operation) op, messages);
                }
            }
            for (Object o : d.getBindings().values()) {
                Binding binding = (Binding) o;
                PortType placeholder = binding.getPortType();
                PortType defined = placeholder == null || !placeholder.isUndefined() ? null
                        : portTypes.get(placeholder.getQName());
                if (defined == null) {
                    continue;
                }
                binding.setPortType(defined);
                for (Object b : binding.getBindingOperations()) {
                    BindingOperation bop = (BindingOperation) b;
                    Operation op = defined.getOperation(bop.getName(),
                            bop.getBindingInput() == null ? null : bop.getBindingInput().getName(),
                            bop.getBindingOutput() == null ? null : bop.getBindingOutput().getName());
                    if (op != null) {
                        bop.setOperation(op);
                    }
                }
            }
        }
    }

    private static void resolveMessages(Operation op, Map<QName,
            Message> messages) {
        if (op.getInput() != null && op.getInput().getMessage() != null && op.getInput().getMessage().isUndefined()) {
            op.getInput().setMessage(messages.getOrDefault(op.getInput().getMessage().getQName(),
                    op.getInput().getMessage()));
        }
        if (op.getOutput() != null && op.getOutput().getMessage() != null
                && op.getOutput().getMessage().isUndefined()) {
            op.getOutput().setMessage(messages.getOrDefault(op.getOutput().getMessage().getQName(),
                    op.getOutput().getMessage()));
        }
        for (Object f : op.getFaults().values()) {
            Fault fault = (Fault) f;
            if (fault.getMessage() != null && fault.getMessage().isUndefined()) {
                fault.setMessage(messages.getOrDefault(fault.getMessage().getQName(), fault.getMessage()));
            }
        }
    }

    private static void collect(Definition definition, Set<Definition> seen, List<Definition> all) {
        // an explicit stack: an import chain as deep as the Java stack is not a reason to fail
        List<Definition> stack = new ArrayList<>();
        stack.add(definition);
        while (!stack.isEmpty()) {
            Definition d = stack.removeLast();
            if (!seen.add(d)) {
                continue;
            }
            all.add(d);
            List<Definition> imported = new ArrayList<>();
            for (Object imports : d.getImports().values()) {
                for (Object i : (List<?>) imports) {
                    Definition target = ((Import) i).getDefinition();
                    if (target != null) {
                        imported.add(target);
                    }
                }
            }
            for (int i = imported.size() - 1; i >= 0; i--) {
                stack.add(imported.get(i));
            }
        }
    }
}
