package dev.imcp.codegen.model;

/** How an operation reaches its upstream: over HTTP (REST, MCP JSON) or SOAP. */
public sealed interface Binding permits HttpBinding, SoapBinding, EncodedSoapBinding {
}
