package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.SourceLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.cxf.common.xmlschema.SchemaCollection;
import org.apache.cxf.tools.wsdlto.core.DataBindingProfile;
import org.apache.ws.commons.schema.XmlSchema;

/**
 * What the XSD mappers share while one element is mapped: the schemas, CXF's JAXB binding, the
 * diagnostics, and the construct being mapped (its document and named path, see {@link XsdLocator}),
 * so every warning is located at the construct's own file and line.
 */
final class XsdContext {

    /** The warning code for an XSD construct that is published only in part. */
    static final String UNSUPPORTED = "WSDL_UNSUPPORTED_SCHEMA";

    private record Frame(String document, List<String> steps) {
    }

    final SchemaCollection schemas;
    final DataBindingProfile dataBinding;
    private final Diagnostics diagnostics;
    private final XsdLocator locator = new XsdLocator();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private SourceLocation fallback;

    XsdContext(SchemaCollection schemas, DataBindingProfile dataBinding, Diagnostics diagnostics) {
        this.schemas = schemas;
        this.dataBinding = dataBinding;
        this.diagnostics = diagnostics;
    }

    /** Starts mapping for the operation at {@code operation}, which is where unlocatable warnings go. */
    void begin(SourceLocation operation) {
        fallback = operation;
        frames.clear();
        List<String> documents = new ArrayList<>();
        for (XmlSchema schema : schemas.getXmlSchemas()) {
            documents.add(schema.getSourceURI());
        }
        locator.anchor(operation.file(), documents);
    }

    /** Enters the global declaration {@code kind:name} of {@code schema}; pair with {@link #leave}. */
    void global(XmlSchema schema, String kind, String name) {
        frames.push(new Frame(schema == null ? null : schema.getSourceURI(), List.of(kind + ":" + name)));
    }

    /** Enters the local declaration {@code kind:name} inside the current one; pair with {@link #leave}. */
    void local(String kind, String name) {
        Frame top = frames.peek();
        List<String> steps = new ArrayList<>(top == null ? List.of() : top.steps());
        steps.add(kind + ":" + name);
        frames.push(new Frame(top == null ? null : top.document(), steps));
    }

    /** Leaves the declaration entered last. */
    void leave() {
        frames.pop();
    }

    /** Returns where the construct being mapped is declared. */
    SourceLocation here() {
        Frame top = frames.peek();
        return top == null ? fallback : locator.locate(top.document(), top.steps(), fallback);
    }

    /** Adds a {@value #UNSUPPORTED} warning at the construct being mapped. */
    void warn(String message) {
        warn(UNSUPPORTED, message);
    }

    /** Adds a {@value #UNSUPPORTED} warning at {@code at}, a construct met earlier. */
    void warnAt(SourceLocation at, String message) {
        diagnostics.add(Diagnostic.warning(UNSUPPORTED, at, message));
    }

    /** Adds a warning with {@code code} at the construct being mapped. */
    void warn(String code, String message) {
        diagnostics.add(Diagnostic.warning(code, here(), message));
    }

    /** Returns the Java type CXF's JAXB binding gives the schema type or element {@code name}, or {@code null}. */
    String javaType(javax.xml.namespace.QName name, boolean element) {
        if (dataBinding == null) {
            return null;
        }
        try {
            return dataBinding.getType(name, element);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
