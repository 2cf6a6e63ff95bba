package dev.imcp.runtime.spi;

import javax.xml.namespace.QName;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the runtime needs to call one SOAP 1.1 rpc/encoded operation (WSDL 1.1 section 3.5,
 * {@code soap:binding style="rpc"} with {@code soap:body use="encoded"}): passed by a generated tool to
 * {@link EncodedSoapPort#call}. Immutable and thread-safe; build one per operation once, when the tool is
 * created, and share the service's {@link EncodedTypes}.
 *
 * <p>The request is an rpc wrapper element {@code namespace:name} carrying
 * {@code env:encodingStyle=encodingStyle}, with one unqualified accessor per {@link #input()} part, in order
 * (SOAP 1.1 section 7.1). The response wrapper is, by WSDL 1.1 section 3.5 convention, {@code nameResponse}, but
 * the runtime reads the Body's first element whatever its name; {@link #output()} names and types its accessors.
 *
 * <p>A JSON form exists for fixtures and logs ({@link #toJson()}, {@link #fromJson(String)}), with types as
 * {@code "{namespace}local"} (the {@link QName#toString()} form):
 * <pre>{@code
 * {"name":"Company.GetReportSuites","namespace":"http://www.omniture.com/",
 *  "soapAction":"http://www.omniture.com/Company.GetReportSuites",
 *  "encodingStyle":"http://schemas.xmlsoap.org/soap/encoding/",
 *  "input":[{"name":"types","type":"{http://www.omniture.com/}string_array"}],
 *  "output":[{"name":"return","type":"{http://www.omniture.com/}report_suite_array"}],
 *  "types":[{"name":"{http://www.omniture.com/}string_array","arrayOf":"{http://www.w3.org/2001/XMLSchema}string"},
 *           {"name":"{http://www.omniture.com/}report_suite","fields":[
 *              {"name":"rsid","type":"{http://www.w3.org/2001/XMLSchema}string"},
 *              {"name":"site_title","type":"{http://www.w3.org/2001/XMLSchema}string","minOccurs":0,"nillable":true}]},
 *           {"name":"{http://www.omniture.com/}report_suite_array","arrayOf":"{http://www.omniture.com/}report_suite"}]}
 * }</pre>
 *
 * @param name the operation name ({@code wsdl:operation/@name}), the request wrapper's local name
 * @param namespace the wrapper's namespace ({@code soap:body/@namespace}); {@code ""} for an unqualified wrapper
 * @param soapAction the {@code soap:operation/@soapAction}, sent quoted in the {@code SOAPAction} header
 *     (SOAP 1.1 section 6.1.1); {@code ""} when the binding gives none
 * @param encodingStyle the {@code soap:body/@encodingStyle}; {@code null} means {@link #SOAP_ENCODING}
 * @param input the input message's parts, in {@code wsdl:message} order (or {@code soap:body/@parts} order)
 * @param output the output message's parts; empty when the response carries no result
 * @param types the service's type table; every non-built-in part, field and item type must be in it
 */
public record EncodedOperation(
        String name,
        String namespace,
        String soapAction,
        String encodingStyle,
        List<Part> input,
        List<Part> output,
        EncodedTypes types) {

    /** The SOAP 1.1 encoding namespace, the usual {@code encodingStyle} (SOAP 1.1 section 5). */
    public static final String SOAP_ENCODING = "http://schemas.xmlsoap.org/soap/encoding/";
    /** The XML Schema namespace of built-in types such as {@code xsd:int}. */
    public static final String XSD = "http://www.w3.org/2001/XMLSchema";

    /**
     * Checks the components, copies the part lists and checks that every part's type is built in or in
     * {@code types}.
     *
     * @throws IllegalArgumentException when a part name repeats or a part's type is not resolvable
     */
    public EncodedOperation {
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
        soapAction = soapAction == null ? "" : soapAction;
        encodingStyle = encodingStyle == null || encodingStyle.isBlank() ? SOAP_ENCODING : encodingStyle;
        input = List.copyOf(input);
        output = List.copyOf(output);
        types = types == null ? EncodedTypes.EMPTY : types;
        for (List<Part> parts : List.of(input, output)) {
            Set<String> names = new HashSet<>();
            for (Part p : parts) {
                if (!names.add(p.name())) {
                    throw new IllegalArgumentException("operation " + name + " has two parts named " + p.name());
                }
                types.checkResolves("part " + p.name() + " of operation " + name, p.type());
            }
        }
    }

    /**
     * Returns the name of a built-in XML Schema type.
     *
     * @param localName e.g. {@code "int"}, {@code "dateTime"}
     * @return {@code {http://www.w3.org/2001/XMLSchema}localName}
     */
    public static QName xsd(String localName) {
        return new QName(XSD, localName);
    }

    /**
     * Returns whether {@code type} is built in: an XML Schema type or a SOAP 1.1 encoding type
     * (section 5.2.1 gives each XML Schema simple type a {@code soapenc:} twin; {@code soapenc:Array} and
     * {@code soapenc:base64} are there too).
     *
     * @param type a qualified type name
     * @return whether the runtime knows it without a type table
     */
    public static boolean isBuiltIn(QName type) {
        return XSD.equals(type.getNamespaceURI()) || SOAP_ENCODING.equals(type.getNamespaceURI());
    }

    /**
     * Parses the JSON form shown in the class description.
     *
     * @param json the descriptor; unknown properties are rejected
     * @return the operation
     * @throws IllegalArgumentException when the text is not that JSON form (the message names the property)
     */
    public static EncodedOperation fromJson(String json) {
        return EncodedOperationJson.read(json);
    }

    /**
     * Returns the JSON form shown in the class description: compact, fields at their defaults
     * ({@code minOccurs} 1, not {@code nillable}, not {@code repeated}) left out, the whole type table included.
     *
     * @return the JSON text; {@link #fromJson(String)} of it equals this operation
     */
    public String toJson() {
        return EncodedOperationJson.write(this);
    }

    /**
     * One part of an rpc message (WSDL 1.1 section 2.3): an unqualified accessor of the wrapper.
     *
     * @param name the part name ({@code wsdl:part/@name}), the accessor's local name and the JSON property name
     * @param type the part's type ({@code wsdl:part/@type}); {@code null} for {@code xsd:anyType}
     */
    public record Part(String name, QName type) {

        /** Checks the name. */
        public Part {
            Objects.requireNonNull(name, "name");
        }
    }
}
