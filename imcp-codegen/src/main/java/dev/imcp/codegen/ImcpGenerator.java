package dev.imcp.codegen;

import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.mcpjson.McpJsonReader;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.openapi.OpenApiReader;
import dev.imcp.codegen.read.ContractKinds;
import dev.imcp.codegen.read.ContractReader;
import dev.imcp.codegen.read.ContractSource;
import dev.imcp.codegen.validate.ContractValidator;
import dev.imcp.codegen.writer.SourceWriter;
import dev.imcp.codegen.writer.WriteResult;
import dev.imcp.codegen.wsdl.WsdlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The generator facade the Maven plugin calls: read every contract, validate them together, fail once
 * listing every error, else write the code.
 *
 * <p>Per contract: the bytes are read and hashed (SHA-256), the kind is detected from the content
 * ({@link ContractKinds#detect}), the service id is derived from the file name
 * ({@link ContractKinds#serviceId}) and the Java package is {@code <basePackage>.<serviceId>}.
 * Diagnostic codes raised here: {@code CONTRACT_UNKNOWN_KIND} (neither WSDL, OpenAPI nor MCP JSON) and
 * {@code SERVICE_ID_DUPLICATE} (two contract files with the same service id); the readers and
 * {@link ContractValidator} add theirs.
 */
public final class ImcpGenerator {

    private final Map<ContractKind, ContractReader> readers;

    /** Creates a generator with the WSDL, OpenAPI and MCP JSON readers. */
    public ImcpGenerator() {
        this(Map.of(ContractKind.WSDL, new WsdlReader(),
                ContractKind.OPENAPI, new OpenApiReader(),
                ContractKind.MCP_JSON, new McpJsonReader()));
    }

    /**
     * Creates a generator with other readers (tests).
     *
     * @param readers the reader of each contract kind
     */
    public ImcpGenerator(Map<ContractKind, ContractReader> readers) {
        this.readers = Map.copyOf(readers);
    }

    /**
     * Generates the adapter code of {@code request}'s contracts.
     *
     * @param request what to read and where to write
     * @return the contracts read, the warnings and the file counts
     * @throws ContractException when any contract has an error; carries every diagnostic found
     * @throws IOException when a contract cannot be read or a file cannot be written
     */
    public GenerationResult generate(CodegenRequest request) throws ContractException, IOException {
        Diagnostics diagnostics = new Diagnostics();
        List<ContractModel> contracts = new ArrayList<>();
        Map<String, String> serviceIds = new HashMap<>();
        for (Path path : request.contracts()) {
            Path absolute = request.baseDir().resolve(path).toAbsolutePath().normalize();
            byte[] bytes = Files.readAllBytes(absolute);
            String display = displayName(request.baseDir(), absolute);
            String text = new String(bytes, StandardCharsets.UTF_8);
            SourceLocation at = SourceLocation.of(display, "");
            Optional<ContractKind> kind = ContractKinds.detect(text);
            if (kind.isEmpty()) {
                diagnostics.add(Diagnostic.error("CONTRACT_UNKNOWN_KIND", at,
                                "not a WSDL 1.1, OpenAPI 2.0/3.x or MCP JSON contract")
                        .withFix("use a WSDL with a 'definitions' root, an OpenAPI document with an 'openapi' or "
                                + "'swagger' key, or an MCP JSON object with a 'tools' array"));
                continue;
            }
            String serviceId = ContractKinds.serviceId(absolute.getFileName().toString());
            String previous = serviceIds.putIfAbsent(serviceId, display);
            if (previous != null) {
                diagnostics.add(Diagnostic.error("SERVICE_ID_DUPLICATE", at,
                                "service id '" + serviceId + "' is already used by " + previous)
                        .withFix("rename one of the contract files"));
                continue;
            }
            ContractSource source = new ContractSource(absolute, display, serviceId,
                    request.basePackage() + "." + serviceId, text, sha256(bytes));
            ContractModel model = readers.get(kind.get()).read(source, request.sourceOutput(), diagnostics);
            if (model != null) {
                contracts.add(model);
            }
        }
        new ContractValidator().validate(contracts, diagnostics);
        diagnostics.throwIfErrors();
        WriteResult written = new SourceWriter().write(contracts, request.basePackage(), request.sourceOutput(),
                request.resourceOutput());
        return new GenerationResult(contracts, diagnostics.all(), written.filesWritten(), written.filesUnchanged());
    }

    private static String displayName(Path baseDir, Path file) {
        Path base = baseDir.toAbsolutePath().normalize();
        Path shown = file.startsWith(base) ? base.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
