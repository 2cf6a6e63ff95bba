package dev.imcp.codegen.wsdl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JAX-WS endpoint implementations {@link SoapCallsTest} publishes, as Java sources compiled with the
 * generated SEIs and JAXB classes (package {@code calls.impl}). Each records, in {@code Seen.LAST}, how it saw
 * its last request, so that a test can tell what went over the wire from what came back.
 */
final class Endpoints {

    private static final Map<String, String> SOURCES = Map.of(
            "Seen", """
                    package calls.impl;

                    public final class Seen {
                        public static final java.util.Map<String, String> LAST = new java.util.concurrent.ConcurrentHashMap<>();
                    }
                    """,
            "LedgerImpl", """
                    package calls.impl;

                    import com.example.calls.ledger.soap.*;

                    @jakarta.jws.WebService(endpointInterface = "com.example.calls.ledger.soap.Ledger",
                            targetNamespace = "urn:imcp:test:ledger", serviceName = "LedgerService", portName = "LedgerPort")
                    public class LedgerImpl implements Ledger {
                        @Override
                        public PostEntryResponse postEntry(PostEntry parameters) throws LedgerError {
                            Entry e = parameters.getEntry();
                            if (e.getAmount().signum() < 0) {
                                LedgerErrorDetail detail = new LedgerErrorDetail();
                                detail.setCode(4711);
                                detail.setAccount("ACC-1");
                                throw new LedgerError("amount must not be negative", detail);
                            }
                            String reference = e.getReference() == null ? "absent"
                                    : e.getReference().isNil() ? "nil" : "'" + e.getReference().getValue() + "'";
                            Seen.LAST.put("postEntry", "amount=" + e.getAmount().toPlainString()
                                    + " bookedOn=" + e.getBookedOn().toXMLFormat() + " side=" + e.getSide()
                                    + " reference=" + reference + " tags=" + e.getTag());
                            PostEntryResponse response = new PostEntryResponse();
                            response.setEntry(e);
                            response.setSeen(Seen.LAST.get("postEntry"));
                            return response;
                        }
                    }
                    """,
            "PricingImpl", """
                    package calls.impl;

                    import com.example.calls.pricing.soap.*;
                    import java.math.BigDecimal;

                    @jakarta.jws.WebService(endpointInterface = "com.example.calls.pricing.soap.Pricing",
                            targetNamespace = "urn:imcp:test:pricing", serviceName = "PricingService", portName = "PricingPort")
                    public class PricingImpl implements Pricing {
                        @Override
                        public BigDecimal quote(Order order, BigDecimal discount) {
                            Seen.LAST.put("quote", "sku=" + order.getSku() + " quantity=" + order.getQuantity()
                                    + " unitPrice=" + order.getUnitPrice().toPlainString() + " discount=" + discount.toPlainString());
                            return order.getUnitPrice().multiply(BigDecimal.valueOf(order.getQuantity())).subtract(discount);
                        }
                    }
                    """,
            "SplitterImpl", """
                    package calls.impl;

                    import com.example.calls.splitter.soap.*;
                    import java.math.BigDecimal;
                    import java.math.RoundingMode;

                    @jakarta.jws.WebService(endpointInterface = "com.example.calls.splitter.soap.Splitter",
                            targetNamespace = "urn:imcp:test:splitter", serviceName = "SplitterService", portName = "SplitterPort")
                    public class SplitterImpl implements Splitter {
                        @Override
                        public Money split(Money total, int ways, jakarta.xml.ws.Holder<BigDecimal> remainder) {
                            Seen.LAST.put("split", "total=" + total.getValue().toPlainString() + " " + total.getCurrency()
                                    + " ways=" + ways);
                            BigDecimal share = total.getValue().divide(BigDecimal.valueOf(ways), 2, RoundingMode.DOWN);
                            remainder.value = total.getValue().subtract(share.multiply(BigDecimal.valueOf(ways)));
                            Money result = new Money();
                            result.setValue(share);
                            result.setCurrency(total.getCurrency());
                            return result;
                        }
                    }
                    """,
            "ArchiveImpl", """
                    package calls.impl;

                    import com.example.calls.archive.soap.*;
                    import jakarta.xml.ws.WebServiceContext;
                    import jakarta.xml.ws.handler.MessageContext;
                    import java.util.List;
                    import java.util.Map;

                    /** Published from archive.wsdl (see SoapCallsTest), so that attach and fetch are real SwA. */
                    @jakarta.jws.WebService(endpointInterface = "com.example.calls.archive.soap.Archive",
                            targetNamespace = "urn:imcp:test:archive", serviceName = "ArchiveService", portName = "ArchivePort")
                    @jakarta.xml.ws.soap.MTOM(threshold = 0)
                    public class ArchiveImpl implements Archive {
                        @jakarta.annotation.Resource
                        private WebServiceContext context;

                        @Override
                        public StoreResponse store(Store parameters) {
                            @SuppressWarnings("unchecked")
                            Map<String, List<String>> headers = (Map<String, List<String>>) context.getMessageContext()
                                    .get(MessageContext.HTTP_REQUEST_HEADERS);
                            headers.forEach((name, values) -> {
                                if (name.equalsIgnoreCase("Content-Type")) {
                                    Seen.LAST.put("store", String.join(",", values));
                                }
                            });
                            StoreResponse response = new StoreResponse();
                            response.setSize(parameters.getContent().length);
                            response.setEcho(parameters.getContent());
                            try {
                                if (parameters.getScan() != null) {
                                    byte[] scan = parameters.getScan().getInputStream().readAllBytes();
                                    Seen.LAST.put("scan", new String(scan, java.nio.charset.StandardCharsets.UTF_8));
                                    response.setScanEcho(new jakarta.activation.DataHandler(scan, "application/octet-stream"));
                                }
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                            return response;
                        }

                        @Override
                        public void notify(Notify parameters) {
                            Seen.LAST.put("notify", parameters.getEvent());
                        }

                        @Override
                        public StampResponse stamp(Stamp parameters, AuditContext audit) {
                            // the implicit header (bound from another message) arrives as a SOAP header entry
                            String session = "absent";
                            @SuppressWarnings("unchecked")
                            List<org.apache.cxf.headers.Header> headers = (List<org.apache.cxf.headers.Header>)
                                    context.getMessageContext().get(org.apache.cxf.headers.Header.HEADER_LIST);
                            for (org.apache.cxf.headers.Header h : headers == null ? List.<org.apache.cxf.headers.Header>of() : headers) {
                                if (h.getName().getLocalPart().equals("SessionHeader")
                                        && h.getObject() instanceof org.w3c.dom.Element e) {
                                    session = e.getTextContent().strip();
                                }
                            }
                            StampResponse response = new StampResponse();
                            response.setStamped(parameters.getText() + " by " + (audit == null ? "nobody" : audit.getUser())
                                    + " in session " + session);
                            return response;
                        }

                        /** Documents received as SOAP with Attachments parts, by label. */
                        static final Map<String, byte[]> DOCUMENTS = new java.util.concurrent.ConcurrentHashMap<>();

                        @Override
                        public AttachResponse attach(Attach parameters, byte[] document) {
                            // published from archive.wsdl, CXF takes the document from the MIME part <document=...>:
                            // record how it came, so that a test can tell it was not inline
                            MessageContext message = context.getMessageContext();
                            @SuppressWarnings("unchecked")
                            Map<String, List<String>> headers = (Map<String, List<String>>) message
                                    .get(MessageContext.HTTP_REQUEST_HEADERS);
                            headers.forEach((name, values) -> {
                                if (name.equalsIgnoreCase("Content-Type")) {
                                    Seen.LAST.put("attach", String.join(",", values));
                                }
                            });
                            @SuppressWarnings("unchecked")
                            Map<String, jakarta.activation.DataHandler> attachments = (Map<String, jakarta.activation.DataHandler>)
                                    message.get(MessageContext.INBOUND_MESSAGE_ATTACHMENTS);
                            Seen.LAST.put("attachments", attachments.entrySet().stream()
                                    .map(e -> e.getKey().replaceAll("=.*@", "=*@") + " " + e.getValue().getContentType())
                                    .sorted().toList().toString());
                            DOCUMENTS.put(parameters.getLabel(), document);
                            AttachResponse response = new AttachResponse();
                            response.setReceived(document.length);
                            return response;
                        }

                        @Override
                        public TagResponse tag(Tag parameters) {
                            // wsi:swaRef: the body names the attachment (cid:...), JAXB hands over its DataHandler
                            MessageContext message = context.getMessageContext();
                            @SuppressWarnings("unchecked")
                            Map<String, List<String>> headers = (Map<String, List<String>>) message
                                    .get(MessageContext.HTTP_REQUEST_HEADERS);
                            headers.forEach((name, values) -> {
                                if (name.equalsIgnoreCase("Content-Type")) {
                                    Seen.LAST.put("tag", String.join(",", values));
                                }
                            });
                            try {
                                byte[] photo = parameters.getPhoto().getInputStream().readAllBytes();
                                TagResponse response = new TagResponse();
                                response.setSize(photo.length);
                                response.setThumbnail(new jakarta.activation.DataHandler(
                                        java.util.Arrays.copyOf(photo, 16), "image/png"));
                                return response;
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        public void fetch(Fetch parameters, jakarta.xml.ws.Holder<FetchResponse> found,
                                jakarta.xml.ws.Holder<byte[]> document, jakarta.xml.ws.Holder<byte[]> thumbnail) {
                            FetchResponse response = new FetchResponse();
                            response.setName(parameters.getName());
                            found.value = response;
                            document.value = DOCUMENTS.get(parameters.getName());
                            thumbnail.value = new byte[] {(byte) 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a}; // a PNG signature
                        }
                    }
                    """,
            "Greeter12Impl", """
                    package calls.impl;

                    import com.example.calls.greeter12.soap.*;
                    import jakarta.xml.ws.WebServiceContext;
                    import jakarta.xml.ws.handler.MessageContext;
                    import java.util.List;
                    import java.util.Map;

                    @jakarta.jws.WebService(endpointInterface = "com.example.calls.greeter12.soap.Greeter12",
                            targetNamespace = "urn:imcp:test:greeter12", serviceName = "Greeter12Service",
                            portName = "Greeter12Port")
                    @jakarta.xml.ws.BindingType(jakarta.xml.ws.soap.SOAPBinding.SOAP12HTTP_BINDING)
                    public class Greeter12Impl implements Greeter12 {
                        @jakarta.annotation.Resource
                        private WebServiceContext context;

                        @Override
                        public GreetResponse greet(Greet parameters) {
                            @SuppressWarnings("unchecked")
                            Map<String, List<String>> headers = (Map<String, List<String>>) context.getMessageContext()
                                    .get(MessageContext.HTTP_REQUEST_HEADERS);
                            headers.forEach((name, values) -> {
                                if (name.equalsIgnoreCase("Content-Type")) {
                                    Seen.LAST.put("greet", String.join(",", values));
                                }
                            });
                            GreetResponse response = new GreetResponse();
                            response.setText(String.join(", ",
                                    java.util.Collections.nCopies(parameters.getTimes(), "Hello " + parameters.getName())));
                            return response;
                        }
                    }
                    """);

    private Endpoints() {
    }

    /** Writes each implementation's source to {@code folder}. */
    static void write(Path folder) throws IOException {
        write(folder, SOURCES.keySet().toArray(String[]::new));
    }

    /**
     * Writes {@code Seen} and the named implementations' sources to {@code folder}, for a test that generates only
     * some of the WSDLs.
     *
     * @param names implementation class names, e.g. {@code PricingImpl}
     */
    static void write(Path folder, String... names) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("Seen.java"), SOURCES.get("Seen"));
        for (String name : names) {
            Files.writeString(folder.resolve(name + ".java"), SOURCES.get(name));
        }
    }
}
