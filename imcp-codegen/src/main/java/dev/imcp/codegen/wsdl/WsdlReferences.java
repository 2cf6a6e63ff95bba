package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import javax.wsdl.Binding;
import javax.wsdl.Definition;
import javax.wsdl.Message;
import javax.wsdl.Part;
import javax.wsdl.PortType;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;

/**
 * Finds the broken references of a WSDL's own elements, each located at the element that makes it: a binding
 * whose port type is not defined (WSDL 1.1 section 2.5), a message part naming an element or type that no
 * schema of the WSDL declares (section 2.3.1). Run when CXF's wsdl2java rejects the contract, so every such
 * problem is reported at its line in one build instead of CXF's one summary.
 *
 * <p>Diagnostic codes (errors): {@code WSDL_UNDEFINED_PORT_TYPE}, {@code WSDL_UNDEFINED_ELEMENT},
 * {@code WSDL_UNDEFINED_TYPE}.
 */
final class WsdlReferences {

    private WsdlReferences() {
    }

    /**
     * Checks the main document's bindings and messages.
     *
     * @param definition the WSDL as wsdl4j read it (undefined references are kept as undefined objects)
     * @param schemas the WSDL's schemas
     * @param locations the main document's element positions
     * @param root the XPath of the definitions element
     * @param diagnostics where the problems go
     * @return how many problems were found
     */
    static int check(Definition definition, EncodedSchemas schemas, XmlLocations locations, String root,
            Diagnostics diagnostics) {
        int found = 0;
        for (Object o : definition.getBindings().values()) {
            Binding binding = (Binding) o;
            if (binding.isUndefined()) {
                continue; // a port's reference to a binding nobody defines (WSDL_UNDEFINED_BINDING), not a binding
            }
            PortType portType = binding.getPortType();
            if (portType == null || portType.isUndefined()) {
                String name = portType == null || portType.getQName() == null ? "(none)" : portType.getQName().getLocalPart();
                diagnostics.add(Diagnostic.error("WSDL_UNDEFINED_PORT_TYPE",
                                locations.at(root + XmlLocations.step("binding", binding.getQName().getLocalPart())),
                                "binding " + binding.getQName().getLocalPart() + " is for port type '" + name
                                        + "', which this WSDL does not define")
                        .withFix("define the portType, or correct the binding's type attribute"));
                found++;
            }
        }
        for (Object o : definition.getMessages().values()) {
            Message message = (Message) o;
            if (message.isUndefined()) {
                continue;
            }
            String messagePath = root + XmlLocations.step("message", message.getQName().getLocalPart());
            for (Object p : message.getOrderedParts(null)) {
                Part part = (Part) p;
                QName element = part.getElementName();
                QName type = part.getTypeName();
                String partPath = messagePath + XmlLocations.step("part", part.getName());
                if (element != null && !schemas.declaresElement(element)) {
                    diagnostics.add(Diagnostic.error("WSDL_UNDEFINED_ELEMENT", locations.at(partPath),
                                    "part " + part.getName() + " of message " + message.getQName().getLocalPart()
                                            + " names element " + element + ", which no schema of the WSDL declares")
                            .withFix("declare the element in wsdl:types (or an imported XSD), or correct the part"));
                    found++;
                } else if (type != null && !builtIn(type) && !schemas.declaresType(type)) {
                    diagnostics.add(Diagnostic.error("WSDL_UNDEFINED_TYPE", locations.at(partPath),
                                    "part " + part.getName() + " of message " + message.getQName().getLocalPart()
                                            + " names type " + type + ", which no schema of the WSDL declares")
                            .withFix("declare the type in wsdl:types (or an imported XSD), or correct the part"));
                    found++;
                }
            }
        }
        return found;
    }

    private static boolean builtIn(QName type) {
        return XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(type.getNamespaceURI())
                || EncodedSchemas.SOAP_ENCODING.equals(type.getNamespaceURI());
    }
}
