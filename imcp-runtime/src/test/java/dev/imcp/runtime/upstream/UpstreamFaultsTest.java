package dev.imcp.runtime.upstream;

import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.spi.UpstreamException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpstreamFaultsTest {

    private final UpstreamFaults errors = new UpstreamFaults(JsonMapping.create(), new Redactor(List.of("s3cret")));

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
}
