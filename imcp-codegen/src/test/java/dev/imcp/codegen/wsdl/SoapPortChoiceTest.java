package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code soapPorts} parameter: a WSDL offering one port type through a SOAP 1.1 and a SOAP 1.2 port
 * (webservicex's CurrencyConvertor, which also has HTTP GET/POST ports) publishes the first port by default and
 * the listed one when asked; a name no WSDL has is a warning, not a silent no-op.
 */
class SoapPortChoiceTest {

    @TempDir
    Path out;

    @Test
    void theFirstSoapPortByDefaultTheListedOneWhenAsked() throws Exception {
        Generated first = generate(Set.of());
        assertEquals("CurrencyConvertorSoap", first.port());
        assertTrue(!first.upstream().contains("soap12Port(") && first.upstream().contains("soapPort("));
        Generated soap12 = generate(Set.of("CurrencyConvertorSoap12"));
        assertEquals("CurrencyConvertorSoap12", soap12.port());
        assertTrue(soap12.upstream().contains("soap12Port("), "called over SOAP 1.2");
        assertTrue(soap12.result().warnings().stream().noneMatch(d -> d.code().equals("SOAP_PORT_NOT_FOUND")));
    }

    @Test
    void aPortNoWsdlPublishesIsAWarning() throws Exception {
        Generated g = generate(Set.of("CurrencyConvertorSoap13"));
        assertEquals("CurrencyConvertorSoap", g.port());
        Diagnostic d = g.result().warnings().stream().filter(w -> w.code().equals("SOAP_PORT_NOT_FOUND")).findFirst()
                .orElseThrow(() -> new AssertionError(g.result().warnings().toString()));
        assertTrue(d.message().contains("'CurrencyConvertorSoap13'"), d.message());
    }

    private record Generated(GenerationResult result, String port, String upstream) {
    }

    private Generated generate(Set<String> ports) throws Exception {
        Path wsdl = WsdlTestSupport.corpus("webservicex-currencyconvertor/tests/fixtures/wsdl/currencyconvertor/CurrencyConvertor.wsdl");
        Path target = out.resolve(String.valueOf(ports.hashCode()));
        GenerationResult result = new ImcpGenerator().generate(new CodegenRequest(List.of(wsdl), wsdl.getParent(),
                target.resolve("java"), target.resolve("resources"), "com.example.ports").withSoapPorts(ports));
        JsonNode adapter = new ObjectMapper().readTree(Files.readString(target.resolve("resources/META-INF/imcp/tools.json")));
        assertEquals(1, adapter.get("tools").size());
        String upstream;
        try (Stream<Path> files = Files.walk(target.resolve("java"))) {
            upstream = Files.readString(files.filter(f -> f.getFileName().toString().endsWith("Upstream.java"))
                    .findFirst().orElseThrow());
        }
        String port = Stream.of("CurrencyConvertorSoap12", "CurrencyConvertorSoap")
                .filter(p -> upstream.contains("\"" + p + "\"")).findFirst().orElse(null);
        return new Generated(result, port, upstream);
    }
}
