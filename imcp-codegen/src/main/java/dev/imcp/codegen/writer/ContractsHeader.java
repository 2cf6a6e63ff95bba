package dev.imcp.codegen.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of the adapter jar's {@value #NAME} manifest header: which contracts the adapter was generated from,
 * read back from the generated {@link SourceWriter#ADAPTER_FILE} (so an up-to-date build, which generates nothing,
 * gives the same value). Shape: one entry per service, sorted by service id, separated by {@code ", "}; each entry is
 * {@code <serviceId> sha256:<64 lower-case hex digits> <file>}, e.g.
 * {@code greeter sha256:1a2b... src/main/contracts/greeter.wsdl, petstore sha256:5981... src/main/contracts/petstore.yaml}
 * ({@code <file>} as the build named it, relative to the project folder). Service ids and hashes hold no space or
 * comma; a file name may hold spaces, so it comes last.
 */
public final class ContractsHeader {

    /** The manifest header's name. */
    public static final String NAME = "Imcp-Contracts";

    private ContractsHeader() {
    }

    /**
     * Returns the header value for the contracts named in {@code <resourceOutput>/META-INF/imcp/adapter.json}.
     *
     * @param resourceOutput the generated resources root
     * @return the value; empty when there is no {@code adapter.json} or it names no contract
     * @throws IOException when {@code adapter.json} exists but cannot be read, or is not the shape the generator
     *     writes (the message names the file)
     */
    public static String read(Path resourceOutput) throws IOException {
        Path file = resourceOutput.resolve(SourceWriter.ADAPTER_FILE);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        JsonNode contracts = new ObjectMapper().readTree(file.toFile()).path(SourceWriter.CONTRACTS_MEMBER);
        Map<String, String> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = contracts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String sha256 = e.getValue().path("sha256").asText("");
            String name = e.getValue().path("file").asText("");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IOException(file + ": contracts." + e.getKey() + ".sha256 is not 64 lower-case hex digits;"
                        + " delete the generated resources and build again");
            }
            entries.put(e.getKey(), e.getKey() + " sha256:" + sha256 + (name.isEmpty() ? "" : " " + name));
        }
        List<String> values = new ArrayList<>(entries.values());
        return String.join(", ", values);
    }
}
