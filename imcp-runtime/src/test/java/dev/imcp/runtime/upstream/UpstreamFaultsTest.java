package dev.imcp.runtime.upstream;

import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.spi.UpstreamException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpstreamFaultsTest {

    private final UpstreamFaults errors = new UpstreamFaults(JsonMapping.create(), new Redactor(List.of("s3cret")),
            service -> Duration.ofSeconds(3));

    @Test
    void plainHttpErrorShowsStatusAndBody() {
        assertEquals("Upstream pets answered HTTP 404: {\"code\":404}",
                errors.describe("pets", new UpstreamException(404, "HTTP 404", "{\"code\":404}")));
    }

    @Test
    void soapFaultShowsItsMessageBeforeTheRedactedBody() {
        assertEquals("Upstream omniture answered HTTP 500 (SOAP fault soapenv:Server: bad key ***): "
                        + "{\"faultcode\":\"soapenv:Server\",\"faultstring\":\"bad key ***\"}",
                errors.describe("omniture", new UpstreamException(500, "SOAP fault soapenv:Server: bad key s3cret",
                        "{\"faultcode\":\"soapenv:Server\",\"faultstring\":\"bad key s3cret\"}")));
    }

    @Test
    void failuresOnThisSideNameNeitherClassesNorAddresses() {
        assertEquals("Upstream soap did not answer within 3 s", errors.describe("soap", new jakarta.xml.ws.WebServiceException(
                "Could not receive Message.", new java.net.SocketTimeoutException(
                        "SocketTimeoutException invoking http://10.0.0.5:8080/ws: Read timed out"))));
        assertEquals("Upstream pets was not called: the arguments could not be written as the operation's input: Pet "
                        + "nor any of its super class is known to this context.",
                errors.describe("pets", new jakarta.xml.ws.WebServiceException("org.apache.cxf.interceptor.Fault: "
                        + "Marshalling Error: class dev.imcp.sample.model.Pet nor any of its super class is known to this "
                        + "context.")));
        assertEquals("Upstream pets failed: could not talk to the upstream (key ***)", errors.describe("pets",
                new IllegalStateException("java.io.IOException: could not talk to https://pets.internal:8443/v1 (key s3cret)")));
        String detail = errors.detail(new IllegalStateException("at https://pets.internal:8443/v1 with s3cret",
                new java.net.ConnectException("refused")));
        assertEquals("java.lang.IllegalStateException: at https://pets.internal:8443/v1 with *** <- "
                + "java.net.ConnectException: refused", detail, "the log keeps the detail, redacted");
    }
}
