/**
 * The WSDL reader: WSDL 1.1 with SOAP 1.1 or 1.2 bindings, every style, into the contract model.
 *
 * <p>Parsing and Java types are Apache CXF's (wsdl2java, XJC, wsdl4j, XmlSchema): for the literal bindings
 * (document/literal wrapped and bare, rpc/literal) the reader runs wsdl2java in-process with wrapper style
 * off, so the generated SEI in {@code <javaPackage>.soap} takes the message parts as they are, and
 * {@link dev.imcp.codegen.wsdl.SeiOperations} maps each SEI method to a tool, with the MIME parts of SOAP with
 * Attachments bindings ({@link dev.imcp.codegen.wsdl.MimeBindings}) as base64 properties. SOAP-encoded bindings
 * (rpc/encoded, SOAP 1.1 section 5), which JAX-WS cannot call, are read with XmlSchema by
 * {@link dev.imcp.codegen.wsdl.EncodedSchemas} and become tools called through the runtime's SAAJ client
 * ({@link dev.imcp.codegen.wsdl.EncodedOperations}).
 *
 * <p>The {@code Xsd*} classes turn XML Schema into JSON Schema (facets, particles, content models, built-in
 * types; {@link dev.imcp.codegen.wsdl.XsdSchemaMapper} is their entry point); a type that contains itself, in
 * literal and in encoded schemas alike, becomes a {@code $defs} entry that its occurrences {@code $ref}
 * ({@link dev.imcp.codegen.wsdl.XsdDefinitions}); elements JAXB keeps in one list are published under the Java
 * field XJC generated for them, read from CXF's sources ({@link dev.imcp.codegen.wsdl.XsdGeneralContent},
 * {@link dev.imcp.codegen.wsdl.JaxbFields}). Before anything parses a
 * contract, its imports are checked: remote locations and DTDs are refused, so nothing is fetched and no
 * entity is expanded at build time. SAX passes record line and column of every element so diagnostics point
 * at the file where the problem is ({@code file:line:col} plus an XPath such as
 * {@code /definitions[@name='HelloWorld']/binding[@name='Greeter_SOAPBinding']}), imported XSDs included.
 */
package dev.imcp.codegen.wsdl;
