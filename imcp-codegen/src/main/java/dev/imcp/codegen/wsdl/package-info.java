/**
 * The WSDL reader: WSDL 1.1 with SOAP 1.1 or 1.2 document/literal bindings into the contract model.
 *
 * <p>Parsing and code generation are Apache CXF's (wsdl2java, XJC, wsdl4j, XmlSchema): the reader runs
 * wsdl2java in-process with wrapper style off, so the generated SEI in {@code <javaPackage>.soap} has one
 * method per operation taking the input part's JAXB class and returning the output part's. A SAX pass only
 * records line and column of every element so diagnostics point at the WSDL ({@code file:line:col} plus
 * an XPath such as {@code /definitions[@name='HelloWorld']/binding[@name='Greeter_SOAPBinding']}).
 */
package dev.imcp.codegen.wsdl;
