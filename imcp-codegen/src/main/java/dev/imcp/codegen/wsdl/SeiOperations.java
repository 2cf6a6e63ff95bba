package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SoapAttachment;
import dev.imcp.codegen.model.SoapBinding;
import dev.imcp.codegen.model.SoapParameter;
import dev.imcp.codegen.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Message;
import javax.wsdl.Operation;
import javax.wsdl.Part;
import javax.xml.namespace.QName;
import org.apache.cxf.tools.common.model.JavaMethod;
import org.apache.cxf.tools.common.model.JavaParameter;
import org.apache.cxf.tools.common.model.JavaType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.w3c.dom.Element;

/**
 * Turns one WSDL operation and the SEI method CXF generated for it into a tool: its input and output schemas
 * and how each SEI parameter is filled.
 *
 * <p>Works for every style JAX-WS supports (JAX-WS 2.3 section 2.3): document/literal wrapped (the wrapper
 * element's content is the tool input), document/literal bare (one input property per body or header part,
 * named after the part's element) and rpc/literal (one input property per part, named after the part, WSDL
 * 1.1 section 3.5). Output parts beyond the return value arrive in {@code Holder}s; the tool output is then
 * a record of the return value and the holders' values. Scalars keep the exact Java type of the SEI
 * (an {@code xsd:decimal} part is a {@code BigDecimal}, not a double).
 *
 * <p>SOAP with Attachments (WSDL 1.1 section 5, read by {@link MimeBindings}): a part bound to a
 * {@code mime:content} is an SEI parameter of type {@code byte[]} like any other, so it becomes a property whose
 * value is the base64 of the attachment's bytes ({@code contentEncoding: base64}, and {@code contentMediaType} when
 * the binding names one type), required in the input, optional in the output (a response may lack it); the
 * binding lists the parts so that the runtime sends and reads them as MIME attachments.
 *
 * <p>Diagnostic code: {@code WSDL_UNSUPPORTED_OPERATION} (warning; the operation is skipped) when a part
 * cannot be matched or has no schema, when a MIME part is not binary ({@code xsd:base64Binary} or
 * {@code xsd:hexBinary}), or when the MIME binding is one {@link MimeBindings} does not support.
 */
final class SeiOperations {

    private static final Map<String, String> BOXED = Map.of("boolean", "java.lang.Boolean", "byte", "java.lang.Byte",
            "short", "java.lang.Short", "int", "java.lang.Integer", "long", "java.lang.Long",
            "float", "java.lang.Float", "double", "java.lang.Double", "char", "java.lang.Character");

    private final Definition definition;
    private final XsdSchemaMapper schemas;
    private final Diagnostics diagnostics;

    SeiOperations(Definition definition, XsdSchemaMapper schemas, Diagnostics diagnostics) {
        this.definition = definition;
        this.schemas = schemas;
        this.diagnostics = diagnostics;
    }

    /**
     * Maps one operation.
     *
     * @param chosen the port and binding the operation is called through
     * @param bop the binding operation
     * @param toolName the tool's name
     * @param seiClass the SEI's fully qualified name
     * @param method the SEI method CXF generated for the operation
     * @param at where the operation is declared
     * @return the operation, or {@code null} when it is skipped (a warning says why)
     */
    OperationModel map(SoapPorts.Chosen chosen, BindingOperation bop, String toolName, String seiClass,
            JavaMethod method, SourceLocation at) {
        Operation op = bop.getOperation();
        MimeBindings.Result mime = MimeBindings.read(bop);
        if (mime.unsupported() != null) {
            return skip(at, bop, mime.unsupported());
        }
        String javaName = Names.upperCamel(toolName);
        String style = SoapPorts.style(chosen.binding(), bop);
        boolean rpc = "rpc".equals(style);
        SchemaModel.Builder input = SchemaModel.builder(SchemaModel.Kind.OBJECT).typeName(javaName + "Input").location(at);
        SchemaModel.Builder output = SchemaModel.builder(SchemaModel.Kind.OBJECT).typeName(javaName + "Output").location(at);
        List<SoapParameter> parameters = new ArrayList<>();
        Set<String> usedParts = new HashSet<>();
        Set<String> inNames = new HashSet<>();
        Set<String> outNames = new HashSet<>();
        Set<String> optionalOut = new HashSet<>();
        SchemaModel wholeInput = null;
        for (JavaParameter p : method.getParameters()) {
            SoapParameter.Mode mode = mode(p);
            Part part = part(op, p, mode);
            if (part == null) {
                return skip(at, bop, "its SEI parameter '" + p.getName() + "' matches no part of its messages");
            }
            if (mode != SoapParameter.Mode.IN) {
                usedParts.add(part.getName()); // an output part a holder takes is not the return value
            }
            String javaType = javaType(p.getClassName());
            if (javaType == null) {
                return skip(at, bop, "part '" + part.getName() + "' maps to the Java type " + p.getClassName()
                        + ", which tools cannot take yet");
            }
            SoapAttachment attachment = mode == SoapParameter.Mode.OUT ? null : mime.find(false, part.getName());
            if (attachment == null && mode != SoapParameter.Mode.IN) {
                attachment = mime.find(true, part.getName());
            }
            if (attachment != null && !"byte[]".equals(javaType)) {
                return skip(at, bop, notBytes(part, javaType));
            }
            SchemaModel schema = attachment != null ? attachmentSchema(attachment, at) : schema(part, javaType, at);
            if (schema == null) {
                return skip(at, bop, "part '" + part.getName() + "' names no element or type the schemas declare");
            }
            String property = rpc || part.getElementName() == null ? part.getName() : part.getElementName().getLocalPart();
            if (mode != SoapParameter.Mode.OUT) {
                property = unique(property, inNames);
                input.property(property, schema);
                if (!p.isHeader()) {
                    input.required(property);
                }
                if (method.getParameters().size() == 1 && mode == SoapParameter.Mode.IN && !rpc
                        && schema.kind() == SchemaModel.Kind.OBJECT
                        && javaType.equals(schema.javaType())) {
                    wholeInput = schema; // document/literal: the element's content is the tool input
                }
            }
            if (mode != SoapParameter.Mode.IN) {
                property = unique(property, outNames);
                output.property(property, schema);
                if (mime.isAttachment(true, part.getName())) {
                    optionalOut.add(property); // null when the response lacks the attachment
                } else {
                    output.required(property);
                }
            }
            parameters.add(new SoapParameter(part.getName(), property, javaType, mode, p.isHeader()));
        }

        String returned = method.getReturn() == null ? "void" : method.getReturn().getClassName();
        String returnType = null;
        String returnProperty = null;
        SchemaModel result = null;
        boolean holders = parameters.stream().anyMatch(p -> p.mode() != SoapParameter.Mode.IN);
        if (!"void".equals(returned)) {
            returnType = javaType(returned);
            Part part = returnPart(op, usedParts);
            SoapAttachment attachment = part == null ? null : mime.find(true, part.getName());
            if (attachment != null && !"byte[]".equals(returnType)) {
                return skip(at, bop, notBytes(part, returned));
            }
            SchemaModel schema = returnType == null || part == null ? null
                    : attachment != null ? attachmentSchema(attachment, at) : schema(part, returnType, at);
            if (schema == null) {
                return skip(at, bop, "its return value matches no output part with a schema");
            }
            if (holders) {
                returnProperty = unique(rpc || part.getElementName() == null ? part.getName()
                        : part.getElementName().getLocalPart(), outNames);
                SchemaModel.Builder withReturn = SchemaModel.builder(SchemaModel.Kind.OBJECT)
                        .typeName(javaName + "Output").location(at).property(returnProperty, schema);
                if (attachment == null) {
                    withReturn.required(returnProperty);
                }
                output.build().properties().forEach((k, v) -> {
                    withReturn.property(k, v);
                    if (!optionalOut.contains(k)) {
                        withReturn.required(k);
                    }
                });
                result = withReturn.build();
            } else {
                result = schema;
            }
        } else if (holders) {
            result = output.build();
        }
        boolean wrapped = !rpc && wholeInput != null && op.getName().equals(elementName(op)) && isSequenceWrapper(op);
        String description = documentation(op.getDocumentationElement());
        if (description == null) {
            description = "Calls SOAP operation " + op.getName() + " of port type "
                    + chosen.binding().getPortType().getQName().getLocalPart() + ".";
        }
        SoapBinding binding = new SoapBinding(chosen.soapVersion(), SoapPorts.soapAction(bop), style, wrapped,
                chosen.port().getName(), seiClass, method.getName(), parameters, returnType, returnProperty,
                faults(op), mime.attachments());
        return new OperationModel(toolName, javaName, null, description, Map.of("openWorldHint", true),
                wholeInput != null ? wholeInput : input.build(), result, binding, at);
    }

    /**
     * The schema of a part that travels as a MIME attachment: its bytes as a base64 string, whatever the part's
     * XSD type ({@code base64Binary} or {@code hexBinary} alike, since the attachment carries raw bytes), with the
     * {@code mime:content/@type} as {@code contentMediaType} when it names one type.
     */
    private static SchemaModel attachmentSchema(SoapAttachment attachment, SourceLocation at) {
        return SchemaModel.builder(SchemaModel.Kind.STRING).contentEncoding("base64")
                .contentMediaType(attachment.contentType()).javaType("byte[]").location(at).build();
    }

    private static String notBytes(Part part, String javaType) {
        return "its MIME part '" + part.getName() + "' maps to the Java type " + javaType + "; only parts of type "
                + "xs:base64Binary or xs:hexBinary (byte[]) can travel as SOAP with Attachments parts";
    }

    /** Returns the names of {@code op}'s {@code wsdl:fault}s, sorted (WSDL 1.1 section 2.4.5). */
    private static List<String> faults(Operation op) {
        List<String> names = new ArrayList<>();
        for (Object o : op.getFaults().values()) {
            names.add(((javax.wsdl.Fault) o).getName());
        }
        names.sort(null);
        return names;
    }

    private static SoapParameter.Mode mode(JavaParameter p) {
        if (!p.isHolder()) {
            return SoapParameter.Mode.IN;
        }
        return p.getStyle() == JavaType.Style.OUT ? SoapParameter.Mode.OUT : SoapParameter.Mode.INOUT;
    }

    /** Finds the part a parameter stands for: in the operation's messages first, then in any message (headers). */
    private Part part(Operation op, JavaParameter p, SoapParameter.Mode mode) {
        List<Message> messages = new ArrayList<>();
        if (mode != SoapParameter.Mode.OUT && op.getInput() != null) {
            messages.add(op.getInput().getMessage());
        }
        if (mode != SoapParameter.Mode.IN && op.getOutput() != null) {
            messages.add(op.getOutput().getMessage());
        }
        for (Message m : messages) {
            Part found = m == null ? null : m.getPart(p.getPartName());
            if (found != null) {
                return found;
            }
        }
        QName element = p.getQName();
        for (Message m : allMessages(definition)) {
            Part found = m.getPart(p.getPartName());
            if (found != null && (element == null || element.equals(found.getElementName()))) {
                return found;
            }
        }
        return null;
    }

    /** Every message of {@code def} and of the WSDLs it imports (wsdl:import, WSDL 1.1 section 2.1.1). */
    private static List<Message> allMessages(Definition def) {
        List<Message> all = new ArrayList<>();
        for (Definition d : WsdlImports.closure(def)) {
            for (Object m : d.getMessages().values()) {
                all.add((Message) m);
            }
        }
        return all;
    }

    /** The output part the return value stands for: the first one no holder took. */
    private static Part returnPart(Operation op, Set<String> usedParts) {
        if (op.getOutput() == null || op.getOutput().getMessage() == null) {
            return null;
        }
        for (Object o : op.getOutput().getMessage().getOrderedParts(null)) {
            Part part = (Part) o;
            if (!usedParts.contains(part.getName())) {
                return part;
            }
        }
        return null;
    }

    private SchemaModel schema(Part part, String javaType, SourceLocation at) {
        if (part.getElementName() != null) {
            XmlSchemaElement element = schemas.element(part.getElementName());
            return element == null ? null : schemas.map(element, javaType, at);
        }
        return part.getTypeName() == null ? null : schemas.mapType(part.getTypeName(), javaType, at);
    }

    private static String elementName(Operation op) {
        if (op.getInput() == null || op.getInput().getMessage() == null) {
            return null;
        }
        for (Object o : op.getInput().getMessage().getOrderedParts(null)) {
            Part part = (Part) o;
            return part.getElementName() == null ? null : part.getElementName().getLocalPart();
        }
        return null;
    }

    private boolean isSequenceWrapper(Operation op) {
        for (Object o : op.getInput().getMessage().getOrderedParts(null)) {
            XmlSchemaElement element = schemas.element(((Part) o).getElementName());
            return element != null && schemas.isSequenceWrapper(element);
        }
        return false;
    }

    /** Returns the boxed, fully qualified type, {@code byte[]} as is, or {@code null} for generic types. */
    static String javaType(String className) {
        if (className == null || className.contains("<")) {
            return null;
        }
        return BOXED.getOrDefault(className, className);
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name + i;
        }
        return candidate;
    }

    private OperationModel skip(SourceLocation at, BindingOperation bop, String why) {
        diagnostics.add(Diagnostic.skipped("WSDL_UNSUPPORTED_OPERATION", at,
                "operation " + bop.getName() + " is skipped: " + why, 1));
        return null;
    }

    /** Returns the text of a {@code wsdl:documentation} element, whitespace collapsed, or {@code null}. */
    static String documentation(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent() == null ? "" : element.getTextContent().strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? null : text;
    }
}
