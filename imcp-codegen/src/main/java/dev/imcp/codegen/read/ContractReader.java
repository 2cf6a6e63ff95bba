package dev.imcp.codegen.read;

import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import java.io.IOException;
import java.nio.file.Path;

/** Turns one contract kind into the shared model. Format quirks stay inside the reader. */
public interface ContractReader {

    /**
     * Reads one contract.
     *
     * @param source the contract
     * @param sourceOutput the generated-sources root; only readers that delegate type generation to a
     *     tool of the field (CXF wsdl2java for WSDL) write there
     * @param diagnostics where every problem found goes, each with a code and a location
     * @return the model, or {@code null} when errors made one impossible (they are in {@code diagnostics})
     * @throws IOException when a file cannot be read or written
     */
    ContractModel read(ContractSource source, Path sourceOutput, Diagnostics diagnostics) throws IOException;
}
