package dev.imcp.sample;

import dev.imcp.sample.hello_world.soap.BareDocumentResponse;
import dev.imcp.sample.hello_world.soap.DocLitBare;
import jakarta.jws.WebService;

/** The embedded SOAP upstream's {@code DocLitBare} port type (document/literal bare). */
@WebService(endpointInterface = "dev.imcp.sample.hello_world.soap.DocLitBare",
        targetNamespace = "http://apache.org/hello_world_soap_http",
        serviceName = "SOAPService_DocLitBare", portName = "SoapPort2")
public class DocLitBareService implements DocLitBare {

    @Override
    public BareDocumentResponse testDocLitBare(String in) {
        BareDocumentResponse out = new BareDocumentResponse();
        out.setCompany("Apache CXF, asked about " + in);
        out.setId(42);
        return out;
    }
}
