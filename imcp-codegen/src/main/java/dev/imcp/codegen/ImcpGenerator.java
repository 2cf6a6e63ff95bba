package dev.imcp.codegen;

import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.mcpjson.McpJsonReader;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.naming.ToolNaming;
import dev.imcp.codegen.openapi.OpenApiReader;
import dev.imcp.codegen.output.BuildState;
import dev.imcp.codegen.output.Fingerprints;
import dev.imcp.codegen.output.GeneratedFiles;
import dev.imcp.codegen.output.OutputReconciler;
import dev.imcp.codegen.read.ContractDiscovery;
import dev.imcp.codegen.read.ContractDiscovery.ContractSet;
import dev.imcp.codegen.read.ContractKinds;
import dev.imcp.codegen.read.ContractReader;
import dev.imcp.codegen.read.ContractSource;
import dev.imcp.codegen.select.OperationRules;
import dev.imcp.codegen.validate.ContractValidator;
import dev.imcp.codegen.writer.SourceWriter;
import dev.imcp.codegen.wsdl.WsdlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The generator facade the Maven plugin calls: find the contracts, read them, validate them together, fail
 * once listing every error, else write the code; skip all of it when nothing changed since the last run.
 *
 * <p>Contracts are listed or discovered ({@link ContractDiscovery}: files another contract imports are its
 * parts). Per contract: the bytes are read and hashed (SHA-256), the kind is detected from the content
 * ({@link ContractKinds#detect}), the service id is derived from the file name
 * ({@link ContractKinds#serviceId}) and the Java package is {@code <basePackage>.<serviceId>}.
 * Diagnostic codes raised here: {@code CONTRACT_UNKNOWN_KIND} (a file that is neither WSDL, OpenAPI nor
 * MCP JSON and that no contract imports), {@code CONTRACT_NONE} (nothing to read),
 * {@code SERVICE_ID_DUPLICATE} (two contract files with the same service id), {@code ADAPTER_NO_TOOLS} (the
 * contracts were read without error but none publishes a tool: a single contract with nothing to publish is only
 * a warning of its reader), the warning {@code OPERATION_SELECTOR_UNUSED} ({@link OperationRules#unused}) and the
 * warning {@code ADAPTER_MANY_TOOLS} (more tools than {@link #CLIENT_TOOL_LIMIT}); the readers, the naming pass
 * ({@link ToolNaming}) and {@link ContractValidator} add theirs.
 *
 * <p>The pipeline: read each contract (the readers apply the operation selection of {@link CodegenRequest#tools()}),
 * name every tool across all contracts, validate, then write the contracts that publish at least one tool.
 *
 * <p>Incremental (when {@link CodegenRequest#stateFile()} is set): a run whose configuration, generator and
 * input files (contracts and everything they import) are byte-identical to the last successful run's, and
 * whose outputs are untouched, reads and writes nothing. Otherwise everything is regenerated, files whose
 * bytes did not change are left alone, and files the last run wrote that this one does not are deleted. A
 * run that fails writes nothing.
 */
public final class ImcpGenerator {

    /**
     * The most tools GitHub Copilot (VS Code, JetBrains) sends a model in one request: a request with more fails with
     * "You may not include more than 128 tools in your request" until the user turns tools off. An adapter
     * publishing more gets the warning {@code ADAPTER_MANY_TOOLS}.
     */
    public static final int CLIENT_TOOL_LIMIT = 128;

    private final Map<ContractKind, Supplier<ContractReader>> readers;

    /**
     * Creates a generator with the WSDL, OpenAPI and MCP JSON readers. They are created when a contract of
     * their kind is read, so a no-op build loads none of CXF or swagger-parser.
     */
    public ImcpGenerator() {
        this.readers = Map.of(ContractKind.WSDL, WsdlReader::new,
                ContractKind.OPENAPI, OpenApiReader::new,
                ContractKind.MCP_JSON, McpJsonReader::new);
    }

    /**
     * Creates a generator with other readers (tests).
     *
     * @param readers the reader of each contract kind
     */
    public ImcpGenerator(Map<ContractKind, ContractReader> readers) {
        Map<ContractKind, Supplier<ContractReader>> suppliers = new HashMap<>();
        readers.forEach((kind, reader) -> suppliers.put(kind, () -> reader));
        this.readers = Map.copyOf(suppliers);
    }

    /**
     * Generates the adapter code of {@code request}'s contracts.
     *
     * @param request what to read and where to write
     * @return the contracts read, a report per contract, the warnings and the file counts
     * @throws ContractException when any contract has an error; carries every diagnostic found
     * @throws IOException when a contract cannot be read or a file cannot be written
     */
    public GenerationResult generate(CodegenRequest request) throws ContractException, IOException {
        long start = System.nanoTime();
        String fingerprint = fingerprint(request);
        Optional<BuildState> previous = request.stateFile() == null ? Optional.empty() : BuildState.load(request.stateFile());
        if (previous.isPresent() && upToDate(previous.get(), fingerprint, request)) {
            return new GenerationResult(true, List.of(), List.of(), List.of(), List.of(), 0, 0, 0, millisSince(start));
        }
        ContractSet set = discover(request);
        Map<String, String> inputs = new TreeMap<>();
        for (Path input : set.inputs()) {
            inputs.put(input.toString(), Fingerprints.ofFile(input));
        }

        Diagnostics diagnostics = new Diagnostics();
        List<ContractModel> models = new ArrayList<>();
        Map<String, List<Diagnostic>> found = new HashMap<>();
        Map<String, Long> millis = new HashMap<>();
        String where = request.contractsDirectory() == null ? "the contract list"
                : displayName(request.baseDir(), request.contractsDirectory().toAbsolutePath().normalize());
        if (set.contracts().isEmpty()) {
            diagnostics.add(Diagnostic.error("CONTRACT_NONE", SourceLocation.of(where, ""), "no contract found")
                    .withFix("put WSDL, OpenAPI or MCP JSON files in " + where));
        }
        Map<String, String> serviceIds = new HashMap<>();
        OperationRules rules = new OperationRules(request.tools());
        for (Path file : set.contracts()) {
            long t0 = System.nanoTime();
            int first = diagnostics.size();
            ContractModel model = read(request, file, inputs.get(file.toString()), serviceIds, rules, diagnostics);
            if (model != null) {
                models.add(model);
                found.put(model.serviceId(), new ArrayList<>(diagnostics.since(first)));
                millis.put(model.serviceId(), millisSince(t0));
            }
        }
        ToolNaming.Result named = new ToolNaming(request.tools().maxNameLength()).name(models);
        named.diagnostics().forEach((service, list) -> {
            list.forEach(diagnostics::add);
            found.get(service).addAll(list);
        });
        List<ContractModel> contracts = named.contracts();
        rules.unused().forEach(diagnostics::add);
        new ContractValidator(request.tools().maxNameLength()).validate(contracts, diagnostics);
        for (String port : new TreeSet<>(request.soapPorts())) {
            if (contracts.stream().noneMatch(c -> c.soapPorts().containsKey(port))) {
                diagnostics.add(Diagnostic.warning("SOAP_PORT_NOT_FOUND", SourceLocation.of("<soapPorts>", ""),
                        "lists port '" + port + "', which no WSDL publishes").withFix("use a wsdl:port/@name of a SOAP binding"));
            }
        }
        int tools = contracts.stream().mapToInt(c -> c.operations().size()).sum();
        if (!contracts.isEmpty() && tools == 0 && !diagnostics.hasErrors()) {
            diagnostics.add(Diagnostic.error("ADAPTER_NO_TOOLS", SourceLocation.of(where, ""),
                            "no contract publishes a tool (" + contracts.size() + " read; see the warnings above)")
                    .withFix("add operations to the contracts, or check <includeOperations> and <excludeOperations>"));
        }
        if (tools > CLIENT_TOOL_LIMIT) {
            diagnostics.add(Diagnostic.warning("ADAPTER_MANY_TOOLS", SourceLocation.of(where, ""),
                            "the adapter publishes " + tools + " tools: GitHub Copilot (VS Code, JetBrains) refuses a"
                            + " request with more than " + CLIENT_TOOL_LIMIT + " tools, so its users must turn some"
                            + " off, and every client spends context on each tool's schema")
                    .withFix("publish what the assistant needs with <includeOperations> (tag:..., GET /path/**)"
                            + " or leave out the rest with <excludeOperations>"));
        }
        diagnostics.throwIfErrors();
        List<ContractReport> reports = new ArrayList<>();
        for (ContractModel model : contracts) {
            reports.add(ContractReport.of(model.location().file(), model.serviceId(), model.operations().size(),
                    found.get(model.serviceId()), millis.get(model.serviceId())));
        }
        // A contract with nothing to publish has its report line, and no code: no empty upstream or provider.
        List<ContractModel> publishing = contracts.stream().filter(c -> !c.operations().isEmpty()).toList();

        List<Path> roots = List.of(request.sourceOutput(), request.resourceOutput());
        Set<Path> before = new TreeSet<>();
        previous.ifPresent(p -> p.outputs().keySet().forEach(k -> before.add(Path.of(k))));
        OutputReconciler.Outcome outcome;
        Set<Path> written;
        // The files are staged on disk as they are made; a staging failure is an I/O error like any other here.
        try (GeneratedFiles files = new SourceWriter().write(publishing, request.basePackage(), request.adapterName(),
                request.adapterVersion(), request.sourceOutput(), request.resourceOutput())) {
            outcome = OutputReconciler.reconcile(files, before, roots);
            written = files.paths();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (request.stateFile() != null) {
            Map<String, BuildState.FileStamp> outputs = new LinkedHashMap<>();
            for (Path out : written) {
                BuildState.FileStamp.of(out).ifPresent(s -> outputs.put(out.toString(), s));
            }
            new BuildState(fingerprint, inputs, outputs).save(request.stateFile());
        }
        List<Diagnostic> all = diagnostics.all();
        return new GenerationResult(false, contracts, reports,
                all.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList(),
                all.stream().filter(d -> d.severity() == Diagnostic.Severity.INFO).toList(),
                outcome.written(), outcome.unchanged(), outcome.deleted(), millisSince(start));
    }

    /** Reads one contract; {@code sha256} is its hash as recorded among the inputs (hashed once per run). */
    private ContractModel read(CodegenRequest request, Path absolute, String sha256, Map<String, String> serviceIds,
            OperationRules rules, Diagnostics diagnostics) throws IOException {
        byte[] bytes = Files.readAllBytes(absolute);
        String display = displayName(request.baseDir(), absolute);
        String text = new String(bytes, StandardCharsets.UTF_8);
        SourceLocation at = SourceLocation.of(display, "");
        Optional<ContractKind> kind = ContractKinds.detect(text);
        if (kind.isEmpty()) {
            diagnostics.add(Diagnostic.error("CONTRACT_UNKNOWN_KIND", at, ContractKinds.describeUnknown(text)
                            + (request.contracts().isEmpty() ? ", and no contract imports it" : ""))
                    .withFix("iMCP reads " + ContractKinds.ACCEPTED
                            + (request.contracts().isEmpty()
                                    ? "; move other files out of the contracts folder, or import them from a contract"
                                    : "; remove it from <contracts>")));
            return null;
        }
        String serviceId = ContractKinds.serviceId(absolute.getFileName().toString());
        String previous = serviceIds.putIfAbsent(serviceId, display);
        if (previous != null) {
            diagnostics.add(Diagnostic.error("SERVICE_ID_DUPLICATE", at,
                            "service id '" + serviceId + "' is already used by " + previous)
                    .withFix("rename one of the contract files"));
            return null;
        }
        ContractSource source = new ContractSource(absolute, display, serviceId,
                request.basePackage() + "." + serviceId, text, sha256, request.soapPorts(), rules);
        ContractModel model = readers.get(kind.get()).get().read(source, diagnostics);
        return model == null ? null : withoutTooManyParameters(model, diagnostics);
    }

    /**
     * Skips, with a located {@code TOOL_TOO_MANY_PARAMETERS} warning each, the operations whose input has more
     * top-level properties (parameters, plus the body) than a generated input record can take
     * ({@link SourceWriter#MAX_RECORD_COMPONENTS}): javac would refuse the record and sink the whole build. Wider
     * objects below the top level are typed as maps instead, so this touches only the input itself.
     */
    private static ContractModel withoutTooManyParameters(ContractModel model, Diagnostics diagnostics) {
        List<OperationModel> kept = new ArrayList<>();
        for (OperationModel op : model.operations()) {
            int width = op.input().properties().size();
            if (op.input().javaType() == null && width > SourceWriter.MAX_RECORD_COMPONENTS) {
                diagnostics.add(Diagnostic.skipped("TOOL_TOO_MANY_PARAMETERS", op.location(), "operation '"
                                + op.toolName() + "' takes " + width + " parameters, more than the "
                                + SourceWriter.MAX_RECORD_COMPONENTS + " a Java record (its typed input) can hold; it is "
                                + "skipped", 1)
                        .withFix("exclude it with <excludeOperations>, or move its parameters into a request body"));
            } else {
                kept.add(op);
            }
        }
        return kept.size() == model.operations().size() ? model : model.withOperations(kept);
    }

    private static ContractSet discover(CodegenRequest request) throws IOException {
        Path base = request.baseDir().toAbsolutePath().normalize();
        if (!request.contracts().isEmpty()) {
            return ContractDiscovery.listed(request.contracts().stream().map(base::resolve).toList());
        }
        if (request.contractsDirectory() == null) {
            return new ContractSet(List.of(), Map.of(), List.of());
        }
        return ContractDiscovery.inDirectory(base.resolve(request.contractsDirectory()));
    }

    /**
     * Returns whether {@code state} describes exactly this run: same fingerprint, every input (the files now
     * listed or in the contracts folder, and every file the last run read) byte-identical, outputs untouched.
     */
    private static boolean upToDate(BuildState state, String fingerprint, CodegenRequest request) throws IOException {
        if (!state.fingerprint().equals(fingerprint) || !state.outputsIntact()) {
            return false;
        }
        Path base = request.baseDir().toAbsolutePath().normalize();
        Set<String> now = new TreeSet<>(state.inputs().keySet());
        List<Path> listed = request.contracts().isEmpty()
                ? (request.contractsDirectory() == null ? List.of()
                        : ContractDiscovery.candidates(base.resolve(request.contractsDirectory())))
                : request.contracts().stream().map(p -> base.resolve(p).normalize()).toList();
        listed.forEach(p -> now.add(p.toString()));
        if (now.size() != state.inputs().size()) {
            return false; // a file appeared
        }
        for (String input : now) {
            if (!Fingerprints.ofFile(Path.of(input)).equals(state.inputs().get(input))) {
                return false;
            }
        }
        return true;
    }

    private static String fingerprint(CodegenRequest request) {
        List<String> values = new ArrayList<>();
        values.add(Fingerprints.generator());
        values.add(request.baseDir().toAbsolutePath().normalize().toString());
        values.add(request.contractsDirectory() == null ? null : request.contractsDirectory().toString());
        request.contracts().forEach(p -> values.add(p.toString()));
        values.add("|");
        values.add(request.sourceOutput().toAbsolutePath().normalize().toString());
        values.add(request.resourceOutput().toAbsolutePath().normalize().toString());
        values.add(request.basePackage());
        values.add(request.adapterName());
        values.add(request.adapterVersion());
        values.add(String.join(",", new java.util.TreeSet<>(request.soapPorts())));
        values.add("|");
        values.addAll(request.tools().canonical());
        return Fingerprints.ofValues(values);
    }

    private static String displayName(Path baseDir, Path file) {
        Path base = baseDir.toAbsolutePath().normalize();
        Path shown = file.startsWith(base) ? base.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
