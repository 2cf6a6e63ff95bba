/**
 * The service provider interface between generated adapter code and the iMCP runtime.
 *
 * <p>The {@code imcp-maven-plugin} writes, per contract, one {@link dev.imcp.runtime.spi.ToolProvider}
 * (registered in {@code META-INF/services/dev.imcp.runtime.spi.ToolProvider}), one typed
 * {@link dev.imcp.runtime.spi.Tool} per contract operation and an upstream stub that performs the
 * call through {@link dev.imcp.runtime.spi.HttpUpstream} (REST and MCP JSON contracts) or a CXF
 * JAX-WS port obtained from {@link dev.imcp.runtime.spi.UpstreamContext#soapPort} (WSDL contracts; a port whose
 * binding carries SOAP with Attachments parts names them as {@link dev.imcp.runtime.spi.MimePart}s), or, for SOAP
 * 1.1 rpc/encoded operations that JAX-WS cannot call, the {@link dev.imcp.runtime.spi.EncodedSoapPort} of
 * {@link dev.imcp.runtime.spi.UpstreamContext#encodedSoapPort} with an {@link dev.imcp.runtime.spi.EncodedOperation}
 * descriptor per operation and one {@link dev.imcp.runtime.spi.EncodedTypes} table per service. A REST provider's
 * {@link dev.imcp.runtime.spi.ServiceDescriptor} names the contract's {@link dev.imcp.runtime.spi.SecurityScheme}s
 * and each operation's requirement ({@link dev.imcp.runtime.spi.RestSecurity}), and, for MCP JSON tools on several
 * base URLs, the {@link dev.imcp.runtime.spi.NamedUpstreams} that its stub reaches with
 * {@link dev.imcp.runtime.spi.UpstreamContext#http(String)}.
 * Every type here uses JDK types only, so generated code depends on nothing but this package and
 * the model classes it generates itself.
 */
package dev.imcp.runtime.spi;
