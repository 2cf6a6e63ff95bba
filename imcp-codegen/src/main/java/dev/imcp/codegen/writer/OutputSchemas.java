package dev.imcp.codegen.writer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.model.EncodedSoapBinding;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SoapBinding;
import java.util.List;

/**
 * The {@code outputSchema} a tool publishes, one answer for the tool class and {@code tools.json}.
 *
 * <p>REST and MCP JSON tools publish their output schema as it is ({@link SchemaJson#output}). A SOAP tool's
 * error result carries the SOAP fault as {@code structuredContent} ({@code {"fault": {...}}}), and MCP
 * clients check any {@code structuredContent} against the {@code outputSchema} (the TypeScript SDK does so
 * whether or not {@code isError} is set), so a SOAP tool's output schema also admits the fault: the optional
 * property {@value #FAULT} is added, and the output's own constraints ({@code required}, {@code allOf},
 * {@code anyOf}, {@code oneOf}, {@code not}) move into the first alternative of an {@code anyOf} whose second
 * alternative requires {@value #FAULT}. A successful result matches exactly what it matched before.
 *
 * <p>The fault's shape (SOAP 1.1 section 4.4; SOAP 1.2 faults are given in the same terms): {@code faultcode}
 * ({@code prefix:localName}), {@code faultstring}, {@code faultactor} when sent, and {@code detail}: the typed
 * fault info of a {@code wsdl:fault} the operation declares (JSON as its element's schema says), else the detail element
 * as XML text (JAX-WS path) or as decoded values (rpc/encoded path). When the output has no constraint of its
 * own, no {@code anyOf} is needed and none is added.
 */
final class OutputSchemas {

    /** The {@code structuredContent} property that carries a SOAP fault; the runtime uses the same name. */
    static final String FAULT = "fault";

    private OutputSchemas() {
    }

    /** Returns the published output schema of {@code op}, or {@code null} when it publishes none. */
    static ObjectNode published(OperationModel op) {
        SchemaModel output = SchemaJson.root(op.output());
        boolean soap = op.binding() instanceof SoapBinding || op.binding() instanceof EncodedSoapBinding;
        if (!soap || output == null || output.kind() == Kind.ANY) {
            return SchemaJson.output(output);
        }
        SchemaModel object = SchemaJson.wrapped(output)
                ? SchemaModel.builder(Kind.OBJECT).property(SchemaJson.RESULT, output).required(SchemaJson.RESULT).build()
                : output;
        if (object.properties().containsKey(FAULT)) {
            return SchemaJson.output(output); // the response has a 'fault' of its own: the runtime then sends no fault content
        }
        List<String> declared = op.binding() instanceof SoapBinding s ? s.faults() : List.of();
        SchemaModel.Builder withFault = SchemaModel.builder(Kind.OBJECT)
                .typeName(object.typeName()).title(object.title()).description(object.description());
        object.properties().forEach(withFault::property);
        withFault.property(FAULT, fault(declared, op.binding() instanceof EncodedSoapBinding));
        if (object.additionalProperties() != null) {
            withFault.additionalProperties(object.additionalProperties());
        }
        withFault.definitions(object.allDefinitions()); // the response's $defs, wherever in its tree declared
        SchemaModel.Builder success = SchemaModel.builder(Kind.OBJECT);
        object.required().forEach(success::required);
        object.allOf().forEach(success::allOf);
        object.anyOf().forEach(success::anyOf);
        object.oneOf().forEach(success::oneOf);
        if (object.not() != null) {
            success.not(object.not());
        }
        SchemaModel constraints = success.build();
        boolean constrained = !constraints.required().isEmpty() || !constraints.allOf().isEmpty()
                || !constraints.anyOf().isEmpty() || !constraints.oneOf().isEmpty() || constraints.not() != null;
        if (constrained) {
            withFault.anyOf(constraints).anyOf(SchemaModel.builder(Kind.OBJECT).required(FAULT).build());
        }
        return SchemaJson.output(withFault.build());
    }

    /**
     * The {@code fault} property. Kept terse, since every SOAP tool publishes it: the SOAP names say what the
     * members are; {@code detail} is a string when no {@code wsdl:fault} is declared, else any value, described
     * by the declared faults' names (the typed detail itself is in {@code structuredContent}).
     */
    private static SchemaModel fault(List<String> declared, boolean encoded) {
        SchemaModel.Builder detail;
        if (encoded) {
            detail = SchemaModel.builder(Kind.ANY);
        } else if (declared.isEmpty()) {
            detail = SchemaModel.builder(Kind.STRING);
        } else {
            // named, not described: the detail schemas repeated in every tool's outputSchema would more than double
            // a large WSDL's tools/list (VirtualBox: two faults on each of 1,158 operations)
            detail = SchemaModel.builder(Kind.ANY).description("The detail of " + String.join(" or ", declared)
                    + " as JSON, or the detail element as XML text.");
        }
        SchemaModel text = SchemaModel.builder(Kind.STRING).build();
        return SchemaModel.builder(Kind.OBJECT)
                .description("The SOAP fault; in isError results only.")
                .property("faultcode", text)
                .property("faultstring", text)
                .property("faultactor", text)
                .property("detail", detail.build())
                .required("faultcode").required("faultstring")
                .build();
    }
}
