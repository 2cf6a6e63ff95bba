package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SoapBinding;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.read.ContractReader;
import dev.imcp.codegen.read.ContractSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Message;
import javax.wsdl.Operation;
import javax.wsdl.Part;
import javax.wsdl.WSDLException;
import javax.wsdl.factory.WSDLFactory;
import javax.wsdl.xml.WSDLReader;
import org.apache.cxf.tools.common.model.JavaInterface;
import org.apache.cxf.tools.common.model.JavaMethod;
import org.apache.cxf.tools.common.model.JavaParameter;
import org.apache.cxf.tools.common.model.JavaType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;

/**
 * Reads a WSDL 1.1 contract with SOAP 1.1 or 1.2 bindings into the model, and has Apache CXF's wsdl2java
 * generate its SEIs and JAXB classes into {@code <javaPackage>.soap}.
 *
 * <p>Ports are chosen by {@link SoapPorts}; each operation of a chosen binding becomes one tool named
 * after the operation (prefixed with {@code <portType>_} when two port types share the name). Input and
 * output schemas come from the XSD through {@link XsdSchemaMapper}; the SEI class and method names come
 * from CXF's Java model, never from guessing.
 *
 * <p>Diagnostic codes: {@code WSDL_PARSE_ERROR} (not well-formed XML or not a WSDL),
 * {@code WSDL_NO_SOAP_BINDING}, {@code WSDL_NO_OPERATIONS}, {@code WSDL_CODEGEN_FAILED} (errors);
 * {@code WSDL_UNSUPPORTED_STYLE} (rpc or encoded bindings are skipped), {@code WSDL_UNSUPPORTED_OPERATION},
 * {@code WSDL_DUPLICATE_OPERATION}, {@code WSDL_UNSUPPORTED_SCHEMA}, {@code WSDL_SCHEMA_RECURSION} (warnings).
 */
public final class WsdlReader implements ContractReader {

    /** The sub-package of {@code javaPackage} that CXF's SEIs and JAXB classes go in. */
    public static final String SOAP_PACKAGE = "soap";

    /** Creates a reader; it keeps no state between reads. */
    public WsdlReader() {
    }

    @Override
    public ContractModel read(ContractSource source, Diagnostics diagnostics) throws IOException {
        String file = source.displayName();
        XmlLocations locations;
        try {
            locations = XmlLocations.scan(file, source.text());
        } catch (SAXParseException e) {
            diagnostics.add(Diagnostic.error("WSDL_PARSE_ERROR",
                    new SourceLocation(file, Math.max(e.getLineNumber(), 0), Math.max(e.getColumnNumber(), 0), ""),
                    "not well-formed XML: " + e.getMessage()));
            return null;
        }
        Definition definition;
        try {
            WSDLReader reader = WSDLFactory.newInstance().newWSDLReader();
            reader.setFeature("javax.wsdl.verbose", false);
            reader.setFeature("javax.wsdl.importDocuments", true);
            definition = reader.readWSDL(source.path().toUri().toString());
        } catch (WSDLException | RuntimeException e) {
            diagnostics.add(Diagnostic.error("WSDL_PARSE_ERROR", locations.at("/definitions"),
                    "not a readable WSDL 1.1 document: " + e.getMessage()));
            return null;
        }
        String root = definition.getQName() == null ? "/definitions"
                : "/definitions[@name='" + definition.getQName().getLocalPart() + "']";
        List<SoapPorts.Chosen> chosen = SoapPorts.choose(definition, locations.servicePorts());
        if (chosen.isEmpty()) {
            diagnostics.add(Diagnostic.error("WSDL_NO_SOAP_BINDING", locations.at(root),
                    "no wsdl:service/wsdl:port uses a SOAP 1.1 or SOAP 1.2 binding, so there is nothing to call")
                    .withFix("add a wsdl:binding with a soap:binding (or soap12:binding) child for the port type, "
                            + "and a wsdl:port with a soap:address in a wsdl:service that uses it"));
            return null;
        }
        List<SoapPorts.Chosen> usable = new ArrayList<>();
        for (SoapPorts.Chosen c : chosen) {
            String bindingPath = root + XmlLocations.step("binding", c.binding().getQName().getLocalPart());
            boolean unsupported = false;
            for (Object o : c.binding().getBindingOperations()) {
                BindingOperation bop = (BindingOperation) o;
                unsupported |= "rpc".equals(SoapPorts.style(c.binding(), bop)) || SoapPorts.encoded(bop);
            }
            if (unsupported) {
                diagnostics.add(Diagnostic.skipped("WSDL_UNSUPPORTED_STYLE", locations.at(bindingPath),
                        "binding " + c.binding().getQName().getLocalPart()
                                + " uses rpc style or encoded use, which is not supported yet; its operations are skipped",
                                Math.max(1, c.binding().getBindingOperations().size()))
                        .withFix("expose a document/literal binding of the port type"));
            } else if (!c.binding().getBindingOperations().isEmpty()) {
                usable.add(c);
            }
        }
        if (usable.isEmpty()) {
            diagnostics.add(Diagnostic.error("WSDL_NO_OPERATIONS", locations.at(root),
                    "no document/literal SOAP binding of this WSDL has an operation to publish as a tool"));
            return null;
        }
        CxfCodegen.Result cxf = CxfCodegen.generate(source.path(), source.javaPackage() + "." + SOAP_PACKAGE);
        if (!cxf.problems().isEmpty()) {
            for (CxfCodegen.Problem p : cxf.problems()) {
                boolean ours = p.file() != null && p.file().endsWith(source.path().getFileName().toString());
                SourceLocation at = ours && p.line() > 0
                        ? new SourceLocation(file, p.line(), Math.max(p.column(), 0), "")
                        : locations.at(root);
                diagnostics.add(Diagnostic.error("WSDL_CODEGEN_FAILED", at,
                        "CXF wsdl2java failed: " + p.message()));
            }
            return null;
        }
        XsdSchemaMapper schemas = new XsdSchemaMapper(cxf.schemas(), cxf.dataBinding(), diagnostics);
        List<OperationModel> operations = operations(usable, cxf, schemas, locations, root, diagnostics);
        if (operations.isEmpty()) {
            diagnostics.add(Diagnostic.error("WSDL_NO_OPERATIONS", locations.at(root),
                    "no operation of the SOAP bindings could be published as a tool"));
            return null;
        }
        Map<String, String> ports = new LinkedHashMap<>();
        for (SoapPorts.Chosen c : usable) {
            if (c.address() != null) {
                ports.putIfAbsent(c.port().getName(), c.address());
            }
        }
        String title = definition.getQName() == null ? source.serviceId() : definition.getQName().getLocalPart();
        return new ContractModel(source.serviceId(), ContractKind.WSDL, title, null,
                documentation(definition.getDocumentationElement()), source.sha256(),
                usable.getFirst().address(), ports, operations, locations.at(root), cxf.sources());
    }

    private static List<OperationModel> operations(List<SoapPorts.Chosen> usable, CxfCodegen.Result cxf,
            XsdSchemaMapper schemas, XmlLocations locations, String root, Diagnostics diagnostics) {
        Map<String, Integer> counts = new HashMap<>();
        for (SoapPorts.Chosen c : usable) {
            for (Object o : c.binding().getBindingOperations()) {
                counts.merge(((BindingOperation) o).getName(), 1, Integer::sum);
            }
        }
        List<OperationModel> result = new ArrayList<>();
        for (SoapPorts.Chosen c : usable) {
            String portType = c.binding().getPortType().getQName().getLocalPart();
            JavaInterface sei = cxf.interfaces().get(c.binding().getPortType().getQName());
            for (Object o : c.binding().getBindingOperations()) {
                BindingOperation bop = (BindingOperation) o;
                String opPath = root + XmlLocations.step("portType", portType) + XmlLocations.step("operation", bop.getName());
                SourceLocation at = locations.at(opPath);
                String toolName = bop.getName();
                if (counts.get(toolName) > 1) {
                    toolName = portType + "_" + toolName;
                    diagnostics.add(Diagnostic.warning("WSDL_DUPLICATE_OPERATION", at, "operation " + bop.getName()
                            + " also exists in another port type; its tool is named " + toolName));
                }
                JavaMethod method = sei == null ? null : sei.getMethods().stream()
                        .filter(m -> bop.getName().equals(m.getOperationName())).findFirst().orElse(null);
                OperationModel op = method == null ? null
                        : operation(c, bop, toolName, sei, method, schemas, at, diagnostics);
                if (method == null) {
                    skip(diagnostics, at, bop, "CXF generated no SEI method for it");
                }
                if (op != null) {
                    result.add(op);
                }
            }
        }
        return result;
    }

    private static OperationModel operation(SoapPorts.Chosen c, BindingOperation bop, String toolName,
            JavaInterface sei, JavaMethod method, XsdSchemaMapper schemas, SourceLocation at, Diagnostics diagnostics) {
        Operation op = bop.getOperation();
        String javaName = upperCamel(toolName);
        List<JavaParameter> params = method.getParameters().stream()
                .filter(p -> p.getStyle() == JavaType.Style.IN && !p.isHolder()).toList();
        if (params.size() != method.getParameters().size() || params.size() > 1) {
            skip(diagnostics, at, bop, "its SEI method takes more than one parameter or holders");
            return null;
        }
        List<Part> inParts = parts(op.getInput() == null ? null : op.getInput().getMessage());
        SchemaModel input;
        String inputClass = null;
        boolean wrapped = false;
        if (inParts.isEmpty() || params.isEmpty()) {
            input = SchemaModel.builder(SchemaModel.Kind.OBJECT).typeName(javaName + "Input").location(at).build();
        } else {
            XmlSchemaElement element = element(inParts, schemas);
            if (element == null) {
                skip(diagnostics, at, bop, "its input is not a single part with an element");
                return null;
            }
            inputClass = params.getFirst().getClassName();
            wrapped = element.getName().equals(op.getName()) && schemas.isSequenceWrapper(element);
            if (schemas.isComplex(element)) {
                input = schemas.map(element, inputClass, at);
            } else {
                input = SchemaModel.builder(SchemaModel.Kind.OBJECT).typeName(javaName + "Input")
                        .property(element.getName(), schemas.map(element, null, at))
                        .required(element.getName()).location(at).build();
            }
        }
        SchemaModel output = null;
        String outputClass = null;
        String returned = method.getReturn() == null ? "void" : method.getReturn().getClassName();
        if (op.getOutput() != null && !"void".equals(returned)) {
            XmlSchemaElement element = element(parts(op.getOutput().getMessage()), schemas);
            if (element == null) {
                skip(diagnostics, at, bop, "its output is not a single part with an element");
                return null;
            }
            outputClass = returned;
            output = schemas.map(element, outputClass, at);
        }
        String description = documentation(op.getDocumentationElement());
        if (description == null) {
            description = "Calls SOAP operation " + op.getName() + " of port type "
                    + c.binding().getPortType().getQName().getLocalPart() + ".";
        }
        SoapBinding binding = new SoapBinding(c.soapVersion(), SoapPorts.soapAction(bop),
                SoapPorts.style(c.binding(), bop), wrapped, c.port().getName(), sei.getFullClassName(),
                method.getName(), inputClass, outputClass);
        return new OperationModel(toolName, javaName, null, description, Map.of("openWorldHint", true),
                input, output, binding, at);
    }

    private static List<Part> parts(Message message) {
        List<Part> parts = new ArrayList<>();
        if (message != null) {
            for (Object p : message.getOrderedParts(null)) {
                parts.add((Part) p);
            }
        }
        return parts;
    }

    private static XmlSchemaElement element(List<Part> parts, XsdSchemaMapper schemas) {
        if (parts.size() != 1 || parts.getFirst().getElementName() == null) {
            return null;
        }
        return schemas.element(parts.getFirst().getElementName());
    }

    private static void skip(Diagnostics diagnostics, SourceLocation at, BindingOperation bop, String why) {
        diagnostics.add(Diagnostic.skipped("WSDL_UNSUPPORTED_OPERATION", at,
                "operation " + bop.getName() + " is skipped: " + why, 1));
    }

    private static String documentation(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent() == null ? "" : element.getTextContent().strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? null : text;
    }

    /** Returns {@code name} in UpperCamelCase: {@code sayHi} to {@code SayHi}, {@code Greeter_sayHi} to {@code GreeterSayHi}. */
    static String upperCamel(String name) {
        StringBuilder b = new StringBuilder();
        for (String word : name.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                b.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        if (b.isEmpty() || !Character.isJavaIdentifierStart(b.charAt(0))) {
            b.insert(0, "Op");
        }
        return b.toString();
    }
}
