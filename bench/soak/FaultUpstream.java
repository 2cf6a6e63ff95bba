import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault-injecting upstream of bench/soak.sh: one HTTP/1.1 listener on 127.0.0.1 (raw sockets, JDK only) that
 * serves the sample's petstore {@code showPetById} ({@code GET .../pets/{petId}}, a Pet as JSON) and its SOAP 1.1
 * greeter ({@code POST} of any other path, a {@code greetMeResponse}), and whose fault mode changes every
 * {@code --phase-seconds} from {@code GET /control/start} on, in this order (then it stays at the last):
 * <ol start="0">
 *   <li>{@code none}: correct answers</li>
 *   <li>{@code timeout}: the request is read and never answered; the connection is held until the client closes it
 *       (at most {@code --hold-seconds})</li>
 *   <li>{@code reset}: the request is read and the connection reset (TCP RST, {@code SO_LINGER} 0)</li>
 *   <li>{@code 5xx}: HTTP 500 and 503 in turn, a short non-SOAP body</li>
 *   <li>{@code slow-drip}: status and headers at once, then the body one byte every {@code --drip-millis}</li>
 *   <li>{@code malformed-json}: the pet as truncated JSON (HTTP 200); the greeter answers correctly</li>
 *   <li>{@code malformed-xml}: the greeter's envelope truncated (HTTP 200); the pet is served correctly</li>
 *   <li>{@code soap-fault}: a SOAP 1.1 {@code soap:Server} fault (HTTP 500); the pet is served correctly</li>
 *   <li>{@code oversize}: a well-formed answer of {@code --oversize-bytes} (a long {@code tag} or
 *       {@code responseType})</li>
 *   <li>{@code none}: correct answers again</li>
 * </ol>
 * Before {@code /control/start} it answers correctly (phase {@code -1}, "before"). It counts the requests it read
 * per phase and path: {@code GET /control/stats} answers one line per phase, {@code <index> <name> rest=<n>
 * soap=<n>}; {@code GET /control/phase} the current phase's name. {@code GET /control/pin/<index>} keeps that
 * phase's fault from then on, whatever the clock says (to try one fault by hand).
 *
 * <p>Run: {@code java FaultUpstream.java [--port N] [--phase-seconds S] [--oversize-bytes B] [--drip-millis M]
 * [--hold-seconds H]}; prints {@code port=<port>} once listening and runs until killed.
 */
public final class FaultUpstream {

    /** The fault modes in schedule order; index 0 and 9 are both "none". */
    static final String[] SCHEDULE = {"none", "timeout", "reset", "5xx", "slow-drip", "malformed-json",
        "malformed-xml", "soap-fault", "oversize", "none"};

    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String TYPES_NS = "http://apache.org/hello_world_soap_http/types";
    private static final Pattern REQUEST_TYPE = Pattern.compile("<(?:[\\w.-]+:)?requestType>([^<]*)<");

    private final long phaseNanos;
    private final int oversizeBytes;
    private final long dripMillis;
    private final long holdMillis;
    private volatile long startNanos;
    private volatile boolean started;
    private volatile int pinned = -1;
    /** Requests read, per phase (index 0: before start) and path (0 REST, 1 SOAP). */
    private final AtomicLong[][] served = new AtomicLong[SCHEDULE.length + 1][2];
    private final AtomicLong turn = new AtomicLong();

    private FaultUpstream(long phaseSeconds, int oversizeBytes, long dripMillis, long holdSeconds) {
        this.phaseNanos = phaseSeconds * 1_000_000_000L;
        this.oversizeBytes = oversizeBytes;
        this.dripMillis = dripMillis;
        this.holdMillis = holdSeconds * 1000;
        for (AtomicLong[] row : served) {
            row[0] = new AtomicLong();
            row[1] = new AtomicLong();
        }
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        long phaseSeconds = 60;
        int oversize = 131072;
        long drip = 250;
        long hold = 60;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--phase-seconds" -> phaseSeconds = Long.parseLong(value);
                case "--oversize-bytes" -> oversize = Integer.parseInt(value);
                case "--drip-millis" -> drip = Long.parseLong(value);
                case "--hold-seconds" -> hold = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        FaultUpstream upstream = new FaultUpstream(phaseSeconds, oversize, drip, hold);
        try (ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            System.out.println("port=" + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket socket = server.accept();
                threads.execute(() -> upstream.serve(socket));
            }
        }
    }

    /** Returns the current phase: -1 before {@code /control/start}, else 0 to 9 (or the pinned one). */
    private int phase() {
        if (pinned >= 0) {
            return pinned;
        }
        if (!started) {
            return -1;
        }
        long index = (System.nanoTime() - startNanos) / phaseNanos;
        return (int) Math.min(index, SCHEDULE.length - 1);
    }

    /** Serves one connection's requests until either side closes it. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                if (!answer(request, socket, in, out) || request.close) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or the connection was reset: nothing to answer
        }
    }

    /** Answers one request; returns whether the connection may carry another. */
    private boolean answer(Request request, Socket socket, InputStream in, OutputStream out) throws IOException {
        if (request.path.startsWith("/control/")) {
            return control(request, out);
        }
        boolean rest = "GET".equals(request.method) && request.path.contains("/pets/");
        boolean soap = "POST".equals(request.method);
        if (!rest && !soap) {
            write(out, 404, "Not Found", "text/plain", "no such resource\n".getBytes(StandardCharsets.UTF_8));
            return true;
        }
        int phase = phase();
        served[phase + 1][rest ? 0 : 1].incrementAndGet();
        String fault = phase < 0 ? "none" : SCHEDULE[phase];
        switch (fault) {
            case "timeout" -> {
                hold(socket, in);
                return false;
            }
            case "reset" -> {
                socket.setSoLinger(true, 0);
                socket.close();
                return false;
            }
            case "5xx" -> {
                boolean second = turn.incrementAndGet() % 2 == 0;
                write(out, second ? 503 : 500, second ? "Service Unavailable" : "Internal Server Error", "text/plain",
                        "injected failure\n".getBytes(StandardCharsets.UTF_8));
                return true;
            }
            case "slow-drip" -> {
                byte[] body = rest ? pet("dog") : greeting(request);
                head(out, 200, "OK", rest ? "application/json" : "text/xml; charset=UTF-8", body.length);
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    sleep(dripMillis);
                }
                return true;
            }
            case "malformed-json" -> {
                if (rest) {
                    write(out, 200, "OK", "application/json", "{\"id\":1,\"name\":\"Rex\",\"tag\":".getBytes(StandardCharsets.UTF_8));
                    return true;
                }
            }
            case "malformed-xml" -> {
                if (soap) {
                    String cut = "<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body><greetMeResponse xmlns=\""
                            + TYPES_NS + "\"><responseType>Hel";
                    write(out, 200, "OK", "text/xml; charset=UTF-8", cut.getBytes(StandardCharsets.UTF_8));
                    return true;
                }
            }
            case "soap-fault" -> {
                if (soap) {
                    String fault500 = "<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body><soap:Fault>"
                            + "<faultcode>soap:Server</faultcode><faultstring>injected fault</faultstring>"
                            + "</soap:Fault></soap:Body></soap:Envelope>";
                    write(out, 500, "Internal Server Error", "text/xml; charset=UTF-8",
                            fault500.getBytes(StandardCharsets.UTF_8));
                    return true;
                }
            }
            case "oversize" -> {
                oversize(out, rest, request);
                return true;
            }
            default -> {
                // "none"
            }
        }
        if (rest) {
            write(out, 200, "OK", "application/json", pet("dog"));
        } else {
            write(out, 200, "OK", "text/xml; charset=UTF-8", greeting(request));
        }
        return true;
    }

    /** Holds an unanswered request until the client closes the connection, or for at most {@code holdMillis}. */
    private void hold(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(1000);
        long until = System.nanoTime() + holdMillis * 1_000_000L;
        while (System.nanoTime() < until) {
            try {
                if (in.read() < 0) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                // still open: keep holding
            }
        }
    }

    /** Writes a well-formed answer of about {@code oversizeBytes}, in 8 KiB writes (stops when the client goes). */
    private void oversize(OutputStream out, boolean rest, Request request) throws IOException {
        String before = rest ? "{\"id\":1,\"name\":\"Rex\",\"tag\":\""
                : "<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body><greetMeResponse xmlns=\"" + TYPES_NS
                        + "\"><responseType>";
        String after = rest ? "\"}" : "</responseType></greetMeResponse></soap:Body></soap:Envelope>";
        int fill = Math.max(0, oversizeBytes - before.length() - after.length());
        head(out, 200, "OK", rest ? "application/json" : "text/xml; charset=UTF-8", before.length() + fill + after.length());
        out.write(before.getBytes(StandardCharsets.UTF_8));
        byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        for (int left = fill; left > 0; left -= chunk.length) {
            out.write(chunk, 0, Math.min(left, chunk.length));
        }
        out.write(after.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private boolean control(Request request, OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder();
        switch (request.path) {
            case "/control/start" -> {
                startNanos = System.nanoTime();
                started = true;
                text.append("started\n");
            }
            case "/control/pin/0", "/control/pin/1", "/control/pin/2", "/control/pin/3", "/control/pin/4",
                    "/control/pin/5", "/control/pin/6", "/control/pin/7", "/control/pin/8", "/control/pin/9" -> {
                pinned = request.path.charAt(request.path.length() - 1) - '0';
                text.append("pinned ").append(SCHEDULE[pinned]).append('\n');
            }
            case "/control/phase" -> {
                int phase = phase();
                text.append(phase < 0 ? "before" : SCHEDULE[phase]).append('\n');
            }
            case "/control/stats" -> {
                for (int i = -1; i < SCHEDULE.length; i++) {
                    text.append(i).append(' ').append(i < 0 ? "before" : SCHEDULE[i])
                            .append(" rest=").append(served[i + 1][0].get())
                            .append(" soap=").append(served[i + 1][1].get()).append('\n');
                }
            }
            default -> {
                write(out, 404, "Not Found", "text/plain", "no such control\n".getBytes(StandardCharsets.UTF_8));
                return true;
            }
        }
        write(out, 200, "OK", "text/plain", text.toString().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private static byte[] pet(String tag) {
        return ("{\"id\":1,\"name\":\"Rex\",\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] greeting(Request request) {
        Matcher m = REQUEST_TYPE.matcher(new String(request.body, StandardCharsets.UTF_8));
        String name = m.find() ? m.group(1) : "you";
        return ("<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body><greetMeResponse xmlns=\"" + TYPES_NS
                + "\"><responseType>Hello " + name + "</responseType></greetMeResponse></soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void head(OutputStream out, int status, String reason, String type, long length) throws IOException {
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(OutputStream out, int status, String reason, String type, byte[] body) throws IOException {
        head(out, status, reason, type, body.length);
        out.write(body);
        out.flush();
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** One HTTP/1.1 request: method, path, whether the client asked to close, and its body. */
    private record Request(String method, String path, boolean close, byte[] body) {

        /** Reads a request; returns {@code null} at end of stream before a request line. */
        static Request read(InputStream in) throws IOException {
            String line = line(in);
            while (line != null && line.isEmpty()) {
                line = line(in);
            }
            if (line == null) {
                return null;
            }
            String[] parts = line.split(" ");
            if (parts.length < 3) {
                throw new IOException("bad request line");
            }
            long length = 0;
            boolean chunked = false;
            boolean close = parts[2].equals("HTTP/1.0");
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes((int) size));
                    line(in);
                }
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are ignored
                }
            } else if (length > 0) {
                body.write(in.readNBytes((int) length));
            }
            return new Request(parts[0], parts[1], close, body.toByteArray());
        }

        /** Reads a CRLF- or LF-terminated ISO-8859-1 line; {@code null} at end of stream. */
        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
                if (line.length() > 65536) {
                    throw new IOException("line too long");
                }
            }
            return line.isEmpty() ? null : line.toString();
        }
    }
}
