package dev.imcp.codegen.read;

import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import java.io.IOException;

/** Turns one contract kind into the shared model. Format quirks stay inside the reader. */
public interface ContractReader {

    /**
     * Reads one contract.
     *
     * <p>Reading has no side effects on the build's output: sources that a tool of the field generates while
     * reading (CXF wsdl2java for WSDL) are returned in {@link ContractModel#generatedSources()}.
     *
     * @param source the contract
     * @param diagnostics where every problem found goes, each with a code and a location
     * @return the model, or {@code null} when errors made one impossible (they are in {@code diagnostics})
     * @throws IOException when a file cannot be read
     */
    ContractModel read(ContractSource source, Diagnostics diagnostics) throws IOException;
}
