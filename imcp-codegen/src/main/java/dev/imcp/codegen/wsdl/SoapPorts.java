package dev.imcp.codegen.wsdl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.wsdl.Binding;
import javax.wsdl.BindingInput;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Port;
import javax.wsdl.Service;
import javax.wsdl.extensions.soap.SOAPAddress;
import javax.wsdl.extensions.soap.SOAPBinding;
import javax.wsdl.extensions.soap.SOAPBody;
import javax.wsdl.extensions.soap.SOAPOperation;
import javax.wsdl.extensions.soap12.SOAP12Address;
import javax.wsdl.extensions.soap12.SOAP12Binding;
import javax.wsdl.extensions.soap12.SOAP12Body;
import javax.wsdl.extensions.soap12.SOAP12Operation;
import javax.xml.namespace.QName;

/**
 * Chooses the ports whose operations become tools, and reads the SOAP extensibility elements (SOAP 1.1
 * and 1.2) of the wsdl4j model.
 *
 * <p>Walks {@code wsdl:service/wsdl:port} in document order, the ports named in the {@code soapPorts}
 * parameter first; for each SOAP binding keeps the first port that uses it, and for each port type keeps only the
 * first such binding, so each operation becomes one tool. Listing a SOAP 1.2 port thus publishes the port type's
 * operations over SOAP 1.2 even when its SOAP 1.1 port comes first in the WSDL.
 */
final class SoapPorts {

    /**
     * One chosen port.
     *
     * @param serviceName the {@code wsdl:service/@name}, or {@code null} for a port made for a binding no port uses
     * @param port the port
     * @param binding its SOAP binding
     * @param soapVersion {@code "1.1"} or {@code "1.2"}
     * @param address the {@code soap:address/@location}, or {@code null}
     */
    record Chosen(String serviceName, Port port, Binding binding, String soapVersion, String address) {
    }

    private SoapPorts() {
    }

    /**
     * Chooses the ports.
     *
     * @param definition the WSDL
     * @param documentOrder the main file's {@code [service, port]} names in document order
     * @param preferred port names that win over other ports of the same port type
     * @return the chosen ports: preferred ones, then the others in document order; ports of imported WSDLs
     *     follow, sorted by name
     */
    static List<Chosen> choose(Definition definition, List<String[]> documentOrder, Set<String> preferred) {
        List<Service> services = new ArrayList<>(WsdlImports.services(definition));
        List<Object[]> ports = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String[] sp : documentOrder) {
            for (Service service : services) {
                if (service.getQName().getLocalPart().equals(sp[0]) && service.getPort(sp[1]) != null
                        && seen.add(sp[0] + '/' + sp[1])) {
                    ports.add(new Object[] {sp[0], service.getPort(sp[1])});
                }
            }
        }
        services.sort(Comparator.comparing(s -> s.getQName().toString()));
        for (Service service : services) {
            List<String> names = new ArrayList<>();
            for (Object name : service.getPorts().keySet()) {
                names.add((String) name);
            }
            names.sort(null);
            for (String name : names) {
                if (seen.add(service.getQName().getLocalPart() + '/' + name)) {
                    ports.add(new Object[] {service.getQName().getLocalPart(), service.getPort(name)});
                }
            }
        }
        // a stable sort: preferred ports first, each group in the order above
        ports.sort(Comparator.comparing(sp -> !preferred.contains(((Port) sp[1]).getName())));
        Map<QName, Chosen> byBinding = new LinkedHashMap<>();
        Set<QName> portTypes = new HashSet<>();
        for (Object[] sp : ports) {
            Port port = (Port) sp[1];
            Binding binding = port.getBinding();
            String version = binding == null || binding.isUndefined() ? null : soapVersion(binding);
            if (version == null || byBinding.containsKey(binding.getQName()) || binding.getPortType() == null
                    || !portTypes.add(binding.getPortType().getQName())) {
                continue;
            }
            byBinding.put(binding.getQName(), new Chosen((String) sp[0], port, binding, version, address(port)));
        }
        return List.copyOf(byBinding.values());
    }

    /**
     * For a WSDL with SOAP bindings but no {@code wsdl:service} port using any of them (a "binding WSDL", as SAP's
     * SOA Manager and other registries export next to the service WSDL), returns one port per port type, made
     * here: named after its binding, in no service, without an address, so the address comes from the adapter's
     * configuration. SOAP 1.1 bindings are preferred, then the binding's name. Empty when
     * the WSDL has no SOAP binding.
     */
    static List<Chosen> portless(Definition definition) {
        List<Binding> bindings = new ArrayList<>();
        for (Definition d : WsdlImports.closure(definition)) {
            for (Object o : d.getBindings().values()) {
                Binding b = (Binding) o;
                if (!b.isUndefined() && soapVersion(b) != null && b.getPortType() != null
                        && !b.getPortType().isUndefined()) {
                    bindings.add(b);
                }
            }
        }
        bindings.sort(Comparator.comparing((Binding b) -> !"1.1".equals(soapVersion(b)))
                .thenComparing(b -> b.getQName().getLocalPart()));
        Map<QName, Chosen> byPortType = new LinkedHashMap<>();
        for (Binding b : bindings) {
            if (!byPortType.containsKey(b.getPortType().getQName())) {
                Port port = definition.createPort();
                port.setName(b.getQName().getLocalPart());
                port.setBinding(b);
                byPortType.put(b.getPortType().getQName(), new Chosen(null, port, b, soapVersion(b), null));
            }
        }
        return List.copyOf(byPortType.values());
    }

    /**
     * Returns the ports of the WSDL whose {@code binding} attribute names a binding no document of it defines, as
     * {@code [port, binding]} local names (WSDL 1.1 section 2.6).
     */
    static List<String[]> undefinedBindings(Definition definition) {
        List<String[]> result = new ArrayList<>();
        for (Service s : WsdlImports.services(definition)) {
            for (Object p : s.getPorts().values()) {
                Binding binding = ((Port) p).getBinding();
                if (binding == null || binding.isUndefined()) {
                    result.add(new String[] {((Port) p).getName(),
                        binding == null || binding.getQName() == null ? "(none)" : binding.getQName().getLocalPart()});
                }
            }
        }
        return result;
    }

    /**
     * Returns the bindings of the WSDL's ports that are HTTP GET/POST bindings ({@code http:binding}, WSDL 1.1
     * section 4), which are not published as tools: their operations are the SOAP bindings' too, or the
     * contract has nothing to call. In document order of the ports, each binding once.
     */
    static List<Binding> httpBindings(Definition definition) {
        Map<QName, Binding> found = new LinkedHashMap<>();
        for (Service s : WsdlImports.services(definition)) {
            for (Object p : s.getPorts().values()) {
                Binding binding = ((Port) p).getBinding();
                if (binding == null || binding.isUndefined()) {
                    continue;
                }
                for (Object e : binding.getExtensibilityElements()) {
                    if (e instanceof javax.wsdl.extensions.http.HTTPBinding) {
                        found.putIfAbsent(binding.getQName(), binding);
                    }
                }
            }
        }
        List<Binding> sorted = new ArrayList<>(found.values());
        sorted.sort(Comparator.comparing(b -> b.getQName().getLocalPart()));
        return sorted;
    }

    /** Returns {@code "1.1"}, {@code "1.2"}, or {@code null} when {@code binding} is not a SOAP binding. */
    static String soapVersion(Binding binding) {
        for (Object e : binding.getExtensibilityElements()) {
            if (e instanceof SOAPBinding) {
                return "1.1";
            }
            if (e instanceof SOAP12Binding) {
                return "1.2";
            }
        }
        return null;
    }

    /** Returns the binding's default style, {@code "document"} unless it says otherwise. */
    static String bindingStyle(Binding binding) {
        for (Object e : binding.getExtensibilityElements()) {
            if (e instanceof SOAPBinding b && b.getStyle() != null) {
                return b.getStyle();
            }
            if (e instanceof SOAP12Binding b && b.getStyle() != null) {
                return b.getStyle();
            }
        }
        return "document";
    }

    /** Returns the operation's style, else the binding's. */
    static String style(Binding binding, BindingOperation operation) {
        for (Object e : operation.getExtensibilityElements()) {
            if (e instanceof SOAPOperation o && o.getStyle() != null) {
                return o.getStyle();
            }
            if (e instanceof SOAP12Operation o && o.getStyle() != null) {
                return o.getStyle();
            }
        }
        return bindingStyle(binding);
    }

    /** Returns the {@code soapAction}, or {@code ""}. */
    static String soapAction(BindingOperation operation) {
        for (Object e : operation.getExtensibilityElements()) {
            if (e instanceof SOAPOperation o && o.getSoapActionURI() != null) {
                return o.getSoapActionURI();
            }
            if (e instanceof SOAP12Operation o && o.getSoapActionURI() != null) {
                return o.getSoapActionURI();
            }
        }
        return "";
    }

    /** Returns whether the operation's input body is {@code use="encoded"}. */
    static boolean encoded(BindingOperation operation) {
        BindingInput input = operation.getBindingInput();
        if (input == null) {
            return false;
        }
        for (Object e : input.getExtensibilityElements()) {
            if (e instanceof SOAPBody b && "encoded".equals(b.getUse())) {
                return true;
            }
            if (e instanceof SOAP12Body b && "encoded".equals(b.getUse())) {
                return true;
            }
        }
        return false;
    }

    private static String address(Port port) {
        for (Object e : port.getExtensibilityElements()) {
            if (e instanceof SOAPAddress a) {
                return a.getLocationURI();
            }
            if (e instanceof SOAP12Address a) {
                return a.getLocationURI();
            }
        }
        return null;
    }
}
