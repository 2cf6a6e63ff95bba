package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.read.ContractReader;
import dev.imcp.codegen.read.ContractSource;
import java.io.IOException;
import java.nio.file.Path;

/** Reads WSDL 1.1 contracts (placeholder being replaced by the CXF-based reader). */
public final class WsdlReader implements ContractReader {

    @Override
    public ContractModel read(ContractSource source, Path sourceOutput, Diagnostics diagnostics) throws IOException {
        throw new IOException("WSDL reading is not wired yet");
    }
}
