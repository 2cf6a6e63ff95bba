package dev.imcp.codegen.writer;

import com.palantir.javapoet.ClassName;

/** The runtime SPI types generated code compiles against ({@code dev.imcp.runtime.spi}). */
final class Spi {

    static final String PACKAGE = "dev.imcp.runtime.spi";
    static final ClassName CALL_CONTEXT = ClassName.get(PACKAGE, "CallContext");
    static final ClassName TOOL = ClassName.get(PACKAGE, "Tool");
    static final ClassName TOOL_DESCRIPTOR = ClassName.get(PACKAGE, "ToolDescriptor");
    static final ClassName TOOL_PROVIDER = ClassName.get(PACKAGE, "ToolProvider");
    static final ClassName TOOL_SCHEMAS = ClassName.get(PACKAGE, "ToolSchemas");
    static final ClassName SERVICE_DESCRIPTOR = ClassName.get(PACKAGE, "ServiceDescriptor");
    static final ClassName UPSTREAM_CONTEXT = ClassName.get(PACKAGE, "UpstreamContext");
    static final ClassName HTTP_UPSTREAM = ClassName.get(PACKAGE, "HttpUpstream");
    static final ClassName HTTP_CALL = ClassName.get(PACKAGE, "HttpCall");
    static final ClassName UPSTREAM_EXCEPTION = ClassName.get(PACKAGE, "UpstreamException");
    static final ClassName TYPES = ClassName.get(PACKAGE, "Types");
    static final ClassName ENCODED_SOAP_PORT = ClassName.get(PACKAGE, "EncodedSoapPort");
    static final ClassName ENCODED_OPERATION = ClassName.get(PACKAGE, "EncodedOperation");
    static final ClassName MIME_PART = ClassName.get(PACKAGE, "MimePart");

    private Spi() {
    }
}
