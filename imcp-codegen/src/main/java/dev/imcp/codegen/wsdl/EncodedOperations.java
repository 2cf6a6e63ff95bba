package dev.imcp.codegen.wsdl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.EncodedSoapBinding;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.wsdl.BindingOperation;
import javax.wsdl.Message;
import javax.wsdl.Operation;
import javax.wsdl.Part;
import javax.wsdl.extensions.soap.SOAPBody;
import javax.xml.namespace.QName;

/**
 * Turns the operations of a SOAP 1.1 rpc/encoded binding (WSDL 1.1 section 3.5, {@code use="encoded"}) into
 * tools called through the runtime's SAAJ client: per operation, the tool input (one property per input part,
 * WSDL 1.1 section 3.5: rpc accessors are named after the parts) and the runtime descriptor (parts typed by
 * their {@code type} QName, plus every struct and array type they reach, see {@link EncodedSchemas}).
 *
 * <p>The output schema says what the response carries, but the tool's Java output is the JSON-shaped value the
 * client decodes ({@code java.lang.Object}): encoded responses are dynamic by nature ({@code xsi:type},
 * multi-references). Diagnostic code: {@code WSDL_UNSUPPORTED_OPERATION} (warning; the operation is skipped)
 * for a part that names an element instead of a type, or a type the schemas do not declare.
 */
final class EncodedOperations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EncodedSchemas schemas;
    private final Diagnostics diagnostics;

    EncodedOperations(EncodedSchemas schemas, Diagnostics diagnostics) {
        this.schemas = schemas;
        this.diagnostics = diagnostics;
    }

    /**
     * Maps one operation of an encoded binding.
     *
     * @param chosen the port and binding
     * @param bop the binding operation
     * @param toolName the tool's name
     * @param at where the operation is declared
     * @return the operation, or {@code null} when it is skipped (a warning says why)
     */
    OperationModel map(SoapPorts.Chosen chosen, BindingOperation bop, String toolName, SourceLocation at) {
        Operation op = bop.getOperation();
        String javaName = Names.upperCamel(toolName);
        Map<QName, ObjectNode> types = new LinkedHashMap<>();
        SchemaModel.Builder input = SchemaModel.builder(SchemaModel.Kind.OBJECT).typeName(javaName + "Input").location(at);
        List<String> inputParts = new ArrayList<>();
        ArrayNode inputJson = JSON.createArrayNode();
        for (Part part : parts(op.getInput() == null ? null : op.getInput().getMessage())) {
            SchemaModel schema = part(part, types, inputJson, at);
            if (schema == null) {
                return skip(at, bop, part);
            }
            input.property(part.getName(), schema).required(part.getName());
            inputParts.add(part.getName());
        }
        ArrayNode outputJson = JSON.createArrayNode();
        List<Part> outParts = parts(op.getOutput() == null ? null : op.getOutput().getMessage());
        SchemaModel.Builder output = SchemaModel.builder(SchemaModel.Kind.OBJECT).location(at);
        SchemaModel single = null;
        for (Part part : outParts) {
            SchemaModel schema = part(part, types, outputJson, at);
            if (schema == null) {
                return skip(at, bop, part);
            }
            output.property(part.getName(), schema).required(part.getName());
            single = schema;
        }
        SchemaModel result = outParts.isEmpty() ? null
                : (outParts.size() == 1 ? single : output.build()).toBuilder().javaType("java.lang.Object").build();

        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put("name", op.getName());
        descriptor.put("namespace", bodyNamespace(bop));
        descriptor.put("soapAction", SoapPorts.soapAction(bop));
        String encodingStyle = encodingStyle(bop);
        if (encodingStyle != null) {
            descriptor.put("encodingStyle", encodingStyle);
        }
        descriptor.set("input", inputJson);
        descriptor.set("output", outputJson);
        ArrayNode typeList = descriptor.putArray("types");
        types.values().forEach(typeList::add);

        String description = SeiOperations.documentation(op.getDocumentationElement());
        if (description == null) {
            description = "Calls SOAP operation " + op.getName() + " of port type "
                    + chosen.binding().getPortType().getQName().getLocalPart() + " (rpc/encoded).";
        }
        EncodedSoapBinding binding = new EncodedSoapBinding(chosen.port().getName(), inputParts, descriptor.toString());
        return new OperationModel(toolName, javaName, null, description, Map.of("openWorldHint", true),
                input.build(), result, binding, at);
    }

    private SchemaModel part(Part part, Map<QName, ObjectNode> types, ArrayNode json, SourceLocation at) {
        if (part.getTypeName() == null) {
            return null;
        }
        SchemaModel schema = schemas.schema(part.getTypeName(), types, at);
        if (schema == null) {
            return null;
        }
        json.addObject().put("name", part.getName()).put("type", schemas.wireType(part.getTypeName()).toString());
        return schema;
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

    private static String bodyNamespace(BindingOperation bop) {
        SOAPBody body = body(bop);
        return body == null || body.getNamespaceURI() == null ? "" : body.getNamespaceURI();
    }

    private static String encodingStyle(BindingOperation bop) {
        SOAPBody body = body(bop);
        if (body == null || body.getEncodingStyles() == null || body.getEncodingStyles().isEmpty()) {
            return null;
        }
        return String.valueOf(body.getEncodingStyles().getFirst());
    }

    private static SOAPBody body(BindingOperation bop) {
        if (bop.getBindingInput() == null) {
            return null;
        }
        for (Object e : bop.getBindingInput().getExtensibilityElements()) {
            if (e instanceof SOAPBody b) {
                return b;
            }
        }
        return null;
    }

    private OperationModel skip(SourceLocation at, BindingOperation bop, Part part) {
        String why = part.getTypeName() == null
                ? "part '" + part.getName() + "' names an element; rpc/encoded parts must name a type"
                : "part '" + part.getName() + "' has the type " + part.getTypeName() + ", which is not supported";
        diagnostics.add(Diagnostic.skipped("WSDL_UNSUPPORTED_OPERATION", at,
                "operation " + bop.getName() + " is skipped: " + why, 1));
        return null;
    }
}
