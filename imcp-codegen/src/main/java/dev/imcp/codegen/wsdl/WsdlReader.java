package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.NameSource;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SoapBinding;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.read.ContractReader;
import dev.imcp.codegen.read.ContractSource;
import dev.imcp.codegen.select.OperationFacts;
import dev.imcp.codegen.select.OperationRules;
import dev.imcp.codegen.select.ToolOverride;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Message;
import javax.wsdl.Operation;
import javax.wsdl.Part;
import javax.wsdl.WSDLException;
import javax.wsdl.factory.WSDLFactory;
import javax.wsdl.xml.WSDLReader;
import javax.xml.XMLConstants;
import org.apache.cxf.tools.common.model.JavaInterface;
import org.apache.cxf.tools.common.model.JavaMethod;
import org.apache.cxf.tools.common.model.JavaParameter;
import org.apache.cxf.tools.common.model.JavaType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;

/**
 * Reads a WSDL 1.1 contract with SOAP 1.1 or 1.2 bindings into the model, and has Apache CXF's wsdl2java
 * generate its SEIs and JAXB classes into {@code <javaPackage>.soap} for the literal bindings
 * (document/literal wrapped and bare, rpc/literal: {@link SeiOperations}). SOAP-encoded bindings (rpc/encoded),
 * which JAX-WS cannot call, become tools called through the runtime's SAAJ client ({@link EncodedOperations}).
 *
 * <p>Ports are chosen by {@link SoapPorts}; each operation of a chosen binding that the configuration selects (its
 * name is the {@code operationId} selectors match; the others are {@code OPERATION_EXCLUDED} notes) becomes one
 * tool named after the operation (prefixed with {@code <portType>_} when two port types share the name), or as
 * the configuration's {@code <tool><name>} says. Input and
 * output schemas come from the XSD through {@link XsdSchemaMapper}; the SEI class and method names come
 * from CXF's Java model, never from guessing. A WSDL with SOAP bindings but no port using them (a binding WSDL)
 * is published with its address left to the configuration ({@link SoapPorts#portless}).
 *
 * <p>When wsdl2java refuses the WSDL, the operations it cannot take ({@link WsdlPruning#find}), those the
 * configuration leaves out and the ports naming undefined bindings are taken out of a copy that wsdl2java reads
 * instead, and each such operation is skipped with a warning; only when that copy fails too does the contract
 * fail, with our own located reference check ({@link WsdlReferences}) or CXF's problems.
 *
 * <p>Diagnostic codes: {@code WSDL_PARSE_ERROR} (not well-formed XML or not a WSDL), {@code WSDL_REMOTE_IMPORT}
 * and {@code WSDL_MISSING_IMPORT} (an import that is not a local file that exists; all of them are reported),
 * {@code WSDL_DOCTYPE} (a WSDL or XSD that declares a DTD: refused before any parser sees it),
 * {@code WSDL_HTTP_BINDING_IGNORED} (a note: HTTP GET/POST bindings are not published),
 * and those of {@link WsdlReferences} when CXF rejects the contract,
 * {@code WSDL_NO_SOAP_BINDING}, {@code WSDL_CODEGEN_FAILED}, {@code WSDL_SCHEMA_INVALID} (a schema XmlSchema
 * refuses) (errors); {@code WSDL_NO_OPERATIONS} (nothing to publish: the bindings have no operation, or every one
 * is excluded or skipped), {@code WSDL_UNSUPPORTED_OPERATION}, {@code WSDL_DUPLICATE_OPERATION},
 * {@code WSDL_UNSUPPORTED_SCHEMA}, {@code WSDL_NO_ADDRESS} (a binding WSDL), {@code WSDL_UNDEFINED_BINDING} (a
 * port naming a binding nobody defines) (warnings).
 */
public final class WsdlReader implements ContractReader {

    /** The sub-package of {@code javaPackage} that CXF's SEIs and JAXB classes go in. */
    public static final String SOAP_PACKAGE = "soap";

    /** Creates a reader; it keeps no state between reads. */
    public WsdlReader() {
    }

    @Override
    public ContractModel read(ContractSource source, Diagnostics diagnostics) throws IOException {
        String file = source.displayName();
        XmlLocations locations;
        try {
            locations = XmlLocations.scan(file, source.text());
        } catch (SAXParseException e) {
            Diagnostic error = Diagnostic.error("WSDL_PARSE_ERROR",
                    new SourceLocation(file, Math.max(e.getLineNumber(), 0), Math.max(e.getColumnNumber(), 0), ""),
                    "not well-formed XML: " + e.getMessage());
            if (source.text().stripLeading().startsWith("<?xml") && !source.text().startsWith("<?xml")) {
                // Xerces' words for it are "The processing instruction target matching [xX][mM][lL] is not allowed"
                error = error.withFix("remove what comes before the XML declaration (<?xml ...?>): XML 1.0 section "
                        + "2.8 allows nothing before it, not even a blank line");
            }
            diagnostics.add(error);
            return null;
        }
        if (!importsAreLocal(source, diagnostics)) {
            return null;
        }
        Definition definition;
        try {
            WSDLReader reader = WSDLFactory.newInstance().newWSDLReader();
            reader.setFeature("javax.wsdl.verbose", false);
            reader.setFeature("javax.wsdl.importDocuments", true);
            definition = reader.readWSDL(source.path().toUri().toString());
            WsdlImports.resolvePlaceholders(definition);
        } catch (WSDLException | RuntimeException e) {
            // wsdl4j names the element it stopped at (an unbound prefix, an attribute WSDL 1.1 does not allow)
            SourceLocation at = e instanceof WSDLException w
                    ? XmlLocations.atWsdl4jPath(file, source.text(), w.getLocation()) : null;
            diagnostics.add(Diagnostic.error("WSDL_PARSE_ERROR", at != null ? at : locations.at("/definitions"),
                    "not a readable WSDL 1.1 document: " + e.getMessage()));
            return null;
        }
        String root = definition.getQName() == null ? "/definitions"
                : "/definitions[@name='" + definition.getQName().getLocalPart() + "']";
        List<SoapPorts.Chosen> chosen = SoapPorts.choose(definition, locations.servicePorts(), source.soapPorts());
        for (javax.wsdl.Binding http : SoapPorts.httpBindings(definition)) {
            diagnostics.add(Diagnostic.warning("WSDL_HTTP_BINDING_IGNORED",
                    locations.at(root + XmlLocations.step("binding", http.getQName().getLocalPart())),
                    "binding " + http.getQName().getLocalPart() + " is an HTTP GET/POST binding; only SOAP bindings "
                            + "become tools" + (chosen.isEmpty() ? "" : ", so its operations are called through SOAP")));
        }
        Set<String> brokenPorts = new HashSet<>();
        for (String[] pb : SoapPorts.undefinedBindings(definition)) {
            if (locations.servicePorts().stream().anyMatch(sp -> sp[1].equals(pb[0]))) {
                brokenPorts.add(pb[0]); // the copy wsdl2java reads is of the main document only
            }
            diagnostics.add(Diagnostic.warning("WSDL_UNDEFINED_BINDING", portAt(pb[0], locations, root),
                            "port " + pb[0] + " names binding " + pb[1] + ", which no document of the WSDL defines; "
                                    + "the port is left out")
                    .withFix("correct the port's binding attribute, or define the binding"));
        }
        if (chosen.isEmpty()) {
            chosen = SoapPorts.portless(definition);
            for (SoapPorts.Chosen c : chosen) {
                String id = source.serviceId();
                diagnostics.add(Diagnostic.warning("WSDL_NO_ADDRESS",
                                locations.at(root + XmlLocations.step("binding", c.port().getName())),
                                "no wsdl:port uses SOAP binding " + c.port().getName() + ", so the WSDL gives no "
                                        + "address for its operations; they are published, and are called at the "
                                        + "address the adapter's configuration gives")
                        .withFix("set imcp.services." + id + ".ports." + c.port().getName() + ".url (environment: "
                                + "IMCP_SERVICES_" + variablePart(id) + "_PORTS_" + variablePart(c.port().getName())
                                + "_URL), or imcp.services."
                                + id + ".url for every port of the contract; the adapter does not start without an "
                                + "address"));
            }
        }
        if (chosen.isEmpty()) {
            diagnostics.add(Diagnostic.error("WSDL_NO_SOAP_BINDING", locations.at(root),
                    "the WSDL has no usable SOAP 1.1 or SOAP 1.2 binding, so there is nothing to call")
                    .withFix("add a wsdl:binding with a soap:binding (or soap12:binding) child for the port type (a "
                            + "wsdl:port with a soap:address in a wsdl:service gives its address; without one, the "
                            + "configuration does), or configure the WSDL that has the bindings"));
            return null;
        }
        List<SoapPorts.Chosen> usable = new ArrayList<>();
        Set<SoapPorts.Chosen> encoded = new HashSet<>();
        for (SoapPorts.Chosen c : chosen) {
            if (c.binding().getBindingOperations().isEmpty()) {
                continue;
            }
            usable.add(c);
            for (Object o : c.binding().getBindingOperations()) {
                if (SoapPorts.encoded((BindingOperation) o)) {
                    encoded.add(c); // SOAP encoding: JAX-WS cannot call it; the runtime's SAAJ client does
                }
            }
        }
        String title = definition.getQName() == null ? source.serviceId() : definition.getQName().getLocalPart();
        String description = SeiOperations.documentation(definition.getDocumentationElement());
        if (usable.isEmpty()) {
            diagnostics.add(noOperations(locations.at(root), "no SOAP binding of this WSDL has an operation")
                    .withFix("add wsdl:operation elements to the SOAP binding, or remove the contract"));
            return new ContractModel(source.serviceId(), ContractKind.WSDL, title, null, description, source.sha256(),
                    chosen.getFirst().address(), Map.of(), List.of(), locations.at(root));
        }
        Set<String> published = selected(source, usable, locations, root, diagnostics);
        if (published.isEmpty()) {
            diagnostics.add(noOperations(locations.at(root), "no operation of the SOAP bindings is selected"));
            return new ContractModel(source.serviceId(), ContractKind.WSDL, title, null, description, source.sha256(),
                    usable.getFirst().address(), Map.of(), List.of(), locations.at(root));
        }
        CxfCodegen.Result cxf = null;
        EncodedSchemas schemas = null;
        if (encoded.size() < usable.size()) {
            cxf = CxfCodegen.generate(source.path(), source.javaPackage() + "." + SOAP_PACKAGE);
            if (!cxf.problems().isEmpty()) {
                schemas = new EncodedSchemas(definition);
                if (schemaProblems(source, schemas, locations.at(root), locations.at(root + "/types"), diagnostics)) {
                    return null;
                }
                cxf = rescue(source, definition, schemas, cxf, usable, published, brokenPorts, locations, root,
                        diagnostics);
                if (cxf == null) {
                    return null;
                }
            }
        }
        SeiOperations sei = cxf == null ? null
                : new SeiOperations(definition, new XsdSchemaMapper(cxf.schemas(), cxf.dataBinding(), cxf.sources(),
                        diagnostics), diagnostics);
        EncodedOperations rpcEncoded = null;
        if (!encoded.isEmpty()) {
            if (schemas == null) { // read once: a refused wsdl2java run read them already
                schemas = new EncodedSchemas(definition);
                if (schemaProblems(source, schemas, locations.at(root), locations.at(root + "/types"), diagnostics)) {
                    return null;
                }
            }
            rpcEncoded = new EncodedOperations(schemas, diagnostics);
        }
        List<OperationModel> operations = operations(source, published, usable, encoded, cxf, sei, rpcEncoded, locations,
                root, diagnostics);
        if (operations.isEmpty()) {
            diagnostics.add(noOperations(locations.at(root), "no operation of the SOAP bindings could be published")
                    .withFix("see the warnings above for why each operation is skipped"));
            return new ContractModel(source.serviceId(), ContractKind.WSDL, title, null, description, source.sha256(),
                    usable.getFirst().address(), Map.of(), List.of(), locations.at(root));
        }
        Map<String, String> ports = new LinkedHashMap<>();
        for (SoapPorts.Chosen c : usable) {
            // a port without an address is named too (address ""), so that its configuration key is known, also as
            // an environment variable
            ports.putIfAbsent(c.port().getName(), c.address() == null ? "" : c.address());
        }
        return new ContractModel(source.serviceId(), ContractKind.WSDL, title, null, description, source.sha256(),
                usable.getFirst().address(), ports, operations, locations.at(root),
                cxf == null ? List.of() : cxf.sources());
    }

    /**
     * After wsdl2java refused the WSDL ({@code cxf} has its problems): runs it again on a copy without the operations
     * it cannot take ({@link WsdlPruning}), those the configuration leaves out and the ports naming undefined
     * bindings, with a .NET DataSet's schema reference made a wildcard and, after an {@code ObjectFactory}
     * collision, each schema namespace in a package of its own. Each operation left out so is a located
     * {@code WSDL_UNSUPPORTED_OPERATION} warning and leaves {@code published}. Returns that run's result; or, when
     * it was not tried (no operation would be left) or failed too, reports the first run's problems, each at its
     * element where our own reference check finds it, and returns {@code null}.
     */
    private static CxfCodegen.Result rescue(ContractSource source, Definition definition, EncodedSchemas schemas,
            CxfCodegen.Result cxf, List<SoapPorts.Chosen> usable, Set<String> published, Set<String> brokenPorts,
            XmlLocations locations, String root, Diagnostics diagnostics) throws IOException {
        // wsdl2java refuses the whole WSDL for one unusable operation: try again without those, and without
        // the operations the configuration leaves out, each unusable one skipped with a located warning
        List<WsdlPruning.Broken> broken = WsdlPruning.find(definition, schemas);
        Set<String> prune = new HashSet<>();
        broken.forEach(b -> prune.add(b.key()));
        // when no operation would be left, the contract fails with each problem at its own line instead
        boolean someLeft = !prune.containsAll(published);
        prune.addAll(unselected(usable, published));
        int dataSet = WsdlPruning.schemaElementRefs(source.path());
        // all namespaces in one package (-p) make two schemas' same-named elements collide in one
        // ObjectFactory: then each namespace gets a package of its own
        boolean collision = cxf.problems().stream()
                .anyMatch(p -> p.message().contains("collision in the ObjectFactory class"));
        Map<String, String> packages = collision
                ? namespacePackages(schemas.namespaces(), definition.getTargetNamespace(),
                        source.javaPackage() + "." + SOAP_PACKAGE)
                : Map.of();
        if (someLeft && (!prune.isEmpty() || !brokenPorts.isEmpty() || dataSet > 0 || collision)) {
            CxfCodegen.Result retry;
            try {
                retry = CxfCodegen.generateWithout(source.path(), prune, brokenPorts,
                        source.javaPackage() + "." + SOAP_PACKAGE, packages);
            } catch (IOException | RuntimeException e) {
                retry = null; // the retry only rescues: without it, the first run's problems are reported
            }
            if (retry != null && retry.problems().isEmpty()) {
                if (dataSet > 0) {
                    diagnostics.add(Diagnostic.warning("WSDL_UNSUPPORTED_SCHEMA", locations.at(root + "/types"),
                            (dataSet == 1 ? "an element of wsdl:types refers" : dataSet + " elements of "
                                    + "wsdl:types refer") + " to XML Schema's own schema element (a .NET "
                                    + "DataSet: the data's schema, then the data); read as any XML elements"));
                }
                for (WsdlPruning.Broken b : broken) {
                    if (published.remove(b.key())) {
                        SourceLocation detail = b.detail() == null ? null : locations.at(root + b.detail());
                        diagnostics.add(Diagnostic.skipped("WSDL_UNSUPPORTED_OPERATION",
                                        WsdlPruning.at(b, locations, root), "operation " + b.operation()
                                                + " is skipped: " + b.why() + (detail == null
                                                        || detail.line() < 1 ? ""
                                                        : " (" + detail.file() + ":" + detail.line() + ")"), 1)
                                .withFix("correct the operation in the WSDL, or leave it out with "
                                        + "<excludeOperations> to silence this warning"));
                    }
                }
                return retry;
            }
        }
        // CXF stops at a summary; our own check locates each broken reference at its element instead.
        if (WsdlReferences.check(definition, schemas, locations, root, diagnostics) > 0) {
            return null;
        }
        for (CxfCodegen.Problem p : cxf.problems()) {
            String where = problemFile(source, p.file());
            SourceLocation at = where != null && p.line() > 0
                    ? new SourceLocation(where, p.line(), Math.max(p.column(), 0), "")
                    : locations.at(root);
            diagnostics.add(Diagnostic.error("WSDL_CODEGEN_FAILED", at, "CXF wsdl2java failed: " + p.message()));
        }
        return null;
    }

    /** A configuration key's part as the runtime's environment variables write it: upper case, '.' and '-' as '_'. */
    private static String variablePart(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_");
    }

    /** Where the {@code wsdl:port} named {@code port} of the main document is, or the definitions element. */
    private static SourceLocation portAt(String port, XmlLocations locations, String root) {
        for (String[] sp : locations.servicePorts()) {
            if (sp[1].equals(port)) {
                return locations.at(root + XmlLocations.step("service", sp[0]) + XmlLocations.step("port", port));
            }
        }
        return locations.at(root);
    }

    /**
     * Nothing to publish is a warning, not an error: the build fails only when the adapter as a whole publishes no
     * tool. (A WSDL with no SOAP binding at all stays the error {@code WSDL_NO_SOAP_BINDING}: it describes no
     * service iMCP can call, most often the abstract half of a WSDL pair, so the wrong file is configured.)
     */
    private static Diagnostic noOperations(SourceLocation at, String why) {
        return Diagnostic.warning("WSDL_NO_OPERATIONS", at, why + ", so the WSDL publishes no tool")
                .withFix("check <includeOperations> and <excludeOperations>");
    }

    /**
     * Returns the names of the binding operations the configuration selects ({@link OperationFacts#operationId()} is
     * the operation name), after a note ({@code OPERATION_EXCLUDED}) for each one it does not.
     */
    private static Set<String> selected(ContractSource source, List<SoapPorts.Chosen> usable, XmlLocations locations,
            String root, Diagnostics diagnostics) {
        Set<String> published = new HashSet<>();
        for (SoapPorts.Chosen c : usable) {
            String portType = c.binding().getPortType().getQName().getLocalPart();
            for (Object o : c.binding().getBindingOperations()) {
                String name = ((BindingOperation) o).getName();
                OperationFacts facts = new OperationFacts(source.serviceId(), name, null, null, List.of());
                String excluded = source.rules().exclusion(facts);
                if (excluded == null) {
                    published.add(portType + " " + name);
                } else {
                    diagnostics.add(OperationRules.excluded(facts, excluded,
                            locations.at(root + XmlLocations.step("portType", portType) + XmlLocations.step("operation", name))));
                }
            }
        }
        return published;
    }

    /**
     * Gives each schema namespace but the WSDL's own a package below {@code base}, named after the namespace's last
     * two words ({@code http://docs.oasis-open.org/wsn/br-2} is {@code base.br_2}), numbered when two would share
     * a name; the WSDL's namespace keeps {@code base}.
     */
    static Map<String, String> namespacePackages(Set<String> namespaces, String wsdlNamespace, String base) {
        Map<String, String> result = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String ns : namespaces) {
            if (ns.equals(wsdlNamespace) || ns.isEmpty() || XMLConstants.XML_NS_URI.equals(ns)) {
                continue; // no-namespace schemas and xml:lang's stay in base
            }
            String[] words = ns.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*:(//)?", "").toLowerCase(java.util.Locale.ROOT)
                    .split("[^a-z0-9]+");
            List<String> kept = new ArrayList<>();
            for (int i = words.length - 1; i >= 0 && kept.size() < 2; i--) {
                if (!words[i].isEmpty()) {
                    kept.addFirst(words[i]);
                }
            }
            String name = kept.isEmpty() ? "ns" : String.join("_", kept);
            if (!Character.isJavaIdentifierStart(name.charAt(0)) || javax.lang.model.SourceVersion.isKeyword(name)) {
                name = "ns_" + name;
            }
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) {
                unique = name + "_" + n;
            }
            result.put(ns, base + "." + unique);
        }
        return result;
    }

    /** The {@code "portType operation"} keys of the usable bindings' operations that are not {@code published}. */
    private static Set<String> unselected(List<SoapPorts.Chosen> usable, Set<String> published) {
        Set<String> result = new HashSet<>();
        for (SoapPorts.Chosen c : usable) {
            String portType = c.binding().getPortType().getQName().getLocalPart();
            for (Object o : c.binding().getBindingOperations()) {
                String key = portType + " " + ((BindingOperation) o).getName();
                if (!published.contains(key)) {
                    result.add(key);
                }
            }
        }
        return result;
    }

    private static List<OperationModel> operations(ContractSource source, Set<String> published,
            List<SoapPorts.Chosen> usable, Set<SoapPorts.Chosen> encoded,
            CxfCodegen.Result cxf, SeiOperations seiOperations, EncodedOperations encodedOperations,
            XmlLocations locations, String root, Diagnostics diagnostics) {
        Map<String, Integer> counts = new HashMap<>();
        for (SoapPorts.Chosen c : usable) {
            for (Object o : c.binding().getBindingOperations()) {
                counts.merge(((BindingOperation) o).getName(), 1, Integer::sum);
            }
        }
        List<OperationModel> result = new ArrayList<>();
        for (SoapPorts.Chosen c : usable) {
            String portType = c.binding().getPortType().getQName().getLocalPart();
            JavaInterface sei = encoded.contains(c) ? null : cxf.interfaces().get(c.binding().getPortType().getQName());
            for (Object o : c.binding().getBindingOperations()) {
                BindingOperation bop = (BindingOperation) o;
                if (!published.contains(portType + " " + bop.getName())) {
                    continue;
                }
                String opPath = root + XmlLocations.step("portType", portType) + XmlLocations.step("operation", bop.getName());
                SourceLocation at = locations.at(opPath);
                String toolName = bop.getName();
                ToolOverride override = source.rules().override(
                        new OperationFacts(source.serviceId(), bop.getName(), null, null, List.of()));
                NameSource nameSource = NameSource.WSDL_OPERATION;
                if (override != null && override.name() != null) {
                    toolName = override.name();
                    nameSource = NameSource.CONFIGURATION;
                } else if (counts.get(toolName) > 1) {
                    toolName = portType + "_" + toolName;
                    diagnostics.add(Diagnostic.warning("WSDL_DUPLICATE_OPERATION", at, "operation " + bop.getName()
                            + " also exists in another port type; its tool is named " + toolName));
                }
                Map<String, Boolean> hints = override == null ? Map.of() : override.annotations();
                if (encoded.contains(c) && "1.2".equals(c.soapVersion())) {
                    // SOAP 1.2 Part 2 section 4 encoding differs from SOAP 1.1's (enc:itemType, enc:ref); rare
                    diagnostics.add(Diagnostic.skipped("WSDL_UNSUPPORTED_OPERATION", at, "operation " + bop.getName()
                            + " is skipped: its SOAP 1.2 binding uses SOAP encoding (use=\"encoded\"), which the "
                            + "runtime speaks over SOAP 1.1 only", 1));
                    continue;
                }
                if (encoded.contains(c)) {
                    OperationModel op = encodedOperations.map(c, bop, toolName, at);
                    if (op != null) {
                        result.add(op.withNameSource(nameSource).withAnnotations(hints));
                    }
                    continue;
                }
                JavaMethod method = sei == null ? null : sei.getMethods().stream()
                        .filter(m -> bop.getName().equals(m.getOperationName())).findFirst().orElse(null);
                OperationModel op = method == null ? null
                        : seiOperations.map(c, bop, toolName, sei.getFullClassName(), method, at);
                if (method == null) {
                    diagnostics.add(Diagnostic.skipped("WSDL_UNSUPPORTED_OPERATION", at,
                            "operation " + bop.getName() + " is skipped: CXF generated no SEI method for it", 1));
                }
                if (op != null) {
                    result.add(op.withNameSource(nameSource).withAnnotations(hints));
                }
            }
        }
        return result;
    }

    /**
     * Reports, as {@code WSDL_SCHEMA_INVALID} errors, the schemas of the WSDL that XmlSchema refused; returns
     * whether there were any. Each is located at its file and line when XmlSchema says which, else at the main
     * document's {@code wsdl:types} ({@code types}) or the imported document, else at {@code root}.
     */
    private static boolean schemaProblems(ContractSource source, EncodedSchemas schemas, SourceLocation root,
            SourceLocation types, Diagnostics diagnostics) {
        for (CxfCodegen.Problem p : schemas.problems()) {
            String where = problemFile(source, p.file());
            SourceLocation at = where == null ? root
                    : p.line() < 1 && where.equals(source.displayName()) ? types
                    : new SourceLocation(where, Math.max(p.line(), 0), Math.max(p.column(), 0), "");
            diagnostics.add(Diagnostic.error("WSDL_SCHEMA_INVALID", at, "an XML Schema of the WSDL cannot be read: "
                            + p.message())
                    .withFix("correct the schema (an xsd:import's namespace must be the imported schema's "
                            + "targetNamespace; every prefix must be declared)"));
        }
        return !schemas.problems().isEmpty();
    }

    /**
     * Returns how to show the file a CXF or XJC problem names (a URI): the contract's own display name, or an
     * imported WSDL or XSD shown relative to it ({@code src/main/contracts/types/common.xsd}), so the error points
     * at the file and line where the problem is; {@code null} when the problem names no local file.
     */
    private static String problemFile(ContractSource source, String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try {
            return display(source, java.nio.file.Path.of(java.net.URI.create(uri)));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null; // not a file: URI (a remote import): the contract's own location is used
        }
    }

    /**
     * Checks every import of the contract and of the local files it imports, before anything parses them: a
     * remote location ({@code http:}) is {@code WSDL_REMOTE_IMPORT} (nothing is fetched at build time, so a build
     * never depends on the network or on what a server answers that day), a local file that does not exist is
     * {@code WSDL_MISSING_IMPORT}; each at the importing element's file and line.
     *
     * @return whether every import is a local file that exists
     */
    private static boolean importsAreLocal(ContractSource source, Diagnostics diagnostics) throws java.io.IOException {
        boolean ok = true;
        java.util.Deque<java.nio.file.Path> todo = new java.util.ArrayDeque<>(List.of(source.path().toAbsolutePath().normalize()));
        Set<java.nio.file.Path> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            java.nio.file.Path file = todo.pop();
            if (!seen.add(file)) {
                continue;
            }
            String text = file.equals(source.path().toAbsolutePath().normalize()) ? source.text()
                    : new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
            int doctype = dev.imcp.codegen.read.XmlProlog.doctypeOffset(text);
            if (doctype >= 0) {
                // wsdl4j and CXF parse the files again; a DTD could make them read local files or expand entity
                // bombs at build time, and no WSDL or XSD needs one.
                int line = (int) text.substring(0, doctype).chars().filter(c -> c == '\n').count() + 1;
                diagnostics.add(Diagnostic.error("WSDL_DOCTYPE", new SourceLocation(display(source, file), line, 0, ""),
                                "declares a DTD (<!DOCTYPE>), which contracts must not: it could read files or expand "
                                        + "entities at build time")
                        .withFix("remove the <!DOCTYPE> declaration and any entity references"));
                ok = false;
                continue;
            }
            for (dev.imcp.codegen.read.ContractImports.Reference r : dev.imcp.codegen.read.ContractImports.xmlImports(text)) {
                SourceLocation at = new SourceLocation(display(source, file), r.line(), 0, "");
                if (r.remote()) {
                    diagnostics.add(Diagnostic.error("WSDL_REMOTE_IMPORT", at, "imports " + r.location()
                                    + ", which is not fetched at build time: a build must not depend on the network")
                            .withFix("download it next to the contract (curl -o <file> '" + r.location()
                                    + "'), keep it with the contract and point the location at that file"));
                    ok = false;
                    continue;
                }
                java.nio.file.Path target;
                try {
                    target = java.nio.file.Path.of(file.getParent().toUri().resolve(
                            new java.net.URI(null, null, r.location().replace('\\', '/'), null))).normalize();
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    continue; // not a file reference wsdl4j could follow either; it reports it
                }
                if (!java.nio.file.Files.isRegularFile(target)) {
                    diagnostics.add(Diagnostic.error("WSDL_MISSING_IMPORT", at, "imports " + r.location()
                                    + ", which does not exist (" + display(source, target) + ")")
                            .withFix("add the file, or correct the location"));
                    ok = false;
                } else {
                    todo.push(target);
                }
            }
        }
        return ok;
    }

    /** Shows {@code file} relative to the contract's folder as the contract is shown. */
    private static String display(ContractSource source, java.nio.file.Path file) {
        java.nio.file.Path problem = file.toAbsolutePath().normalize();
        java.nio.file.Path contract = source.path().toAbsolutePath().normalize();
        if (problem.equals(contract)) {
            return source.displayName();
        }
        String relative = contract.getParent().relativize(problem).toString().replace('\\', '/');
        int slash = source.displayName().lastIndexOf('/');
        String shown = slash < 0 ? relative : source.displayName().substring(0, slash + 1) + relative;
        return java.nio.file.Path.of(shown).normalize().toString().replace('\\', '/');
    }
}
