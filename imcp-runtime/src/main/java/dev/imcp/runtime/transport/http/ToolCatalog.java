package dev.imcp.runtime.transport.http;

import dev.imcp.runtime.security.Authenticator;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.security.OriginCheck;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Function;

/**
 * The adapter's tool catalog at {@value #PATH}: the page the iMCP Maven plugin generates into every adapter as the
 * class-path resource {@value #RESOURCE} (one self-contained HTML page: each service and tool with its arguments,
 * output, annotations, upstream binding and contract line), served behind the same identity as {@code /mcp}.
 *
 * <ul>
 *   <li>{@code GET} and {@code HEAD}: first the same {@code Origin} and {@code Host} checks as {@code /mcp} (403), then
 *       the bearer token ({@link Authenticator}: 401 with the same {@code WWW-Authenticate} challenge, 403
 *       {@code insufficient_scope}, 503 when the issuer's keys cannot be fetched), each with a {@code text/plain}
 *       reason; then 200 {@code text/html; charset=utf-8} with the page (no body for {@code HEAD}), or 404 when the
 *       adapter has no catalog. The page comes with {@value #CONTENT_SECURITY_POLICY_HEADER}: the policy the page states
 *       in its own meta element (the generated page allows nothing but its style and script, by hash) and no framing,
 *       else {@value #CONTENT_SECURITY_POLICY}; {@code X-Content-Type-Options: nosniff},
 *       {@code Referrer-Policy: no-referrer} and {@code Cache-Control: private, no-cache}.</li>
 *   <li>Any other method: 405 with {@code Allow: GET, HEAD}.</li>
 * </ul>
 * The page shows only the tools the caller may list, by the same decision as {@code tools/list} (the services'
 * allow and deny lists and {@code imcp.policy.rules}): {@link CatalogFilter} cuts its data down, once per set of
 * visible tools. {@code imcp.catalog.enabled: false} leaves the route out.
 */
public final class ToolCatalog implements HttpService {

    /** The path the catalog is served at. */
    public static final String PATH = "/catalog";
    /** The class-path resource the iMCP Maven plugin generates. */
    public static final String RESOURCE = "META-INF/imcp/catalog.html";
    /** The name of the policy header, for documentation. */
    static final String CONTENT_SECURITY_POLICY_HEADER = "Content-Security-Policy";
    /**
     * What the page may load: nothing but its own inline style and script and {@code data:} images; no form
     * targets, no base URL, no framing (the page's own meta policy narrows the script and style to their hashes).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String ALLOW = "GET, HEAD";

    private static final java.util.regex.Pattern META_POLICY = java.util.regex.Pattern.compile(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"(default-src 'none';[^\"<>]*)\">");

    private final byte[] page;
    /** Made on the first request: reading the page's data took a large adapter's start-up 0.1 to 0.3 s. */
    private final io.helidon.common.LazyValue<CatalogFilter> filter;
    private final String policy;
    private final Authenticator authenticator;
    private final OriginCheck originCheck;
    private final Function<Caller, Set<String>> visible;

    /**
     * @param page the page's bytes (UTF-8 HTML), or {@code null} when the adapter has none (404); kept, not copied
     *     (a large API's page runs to megabytes): do not change it
     * @param authenticator checks API keys and tokens, as for {@code /mcp}
     * @param originCheck checks {@code Origin} and {@code Host}, as for {@code /mcp}
     * @param visible the names of the tools a caller may list, as {@code tools/list} decides
     */
    public ToolCatalog(byte[] page, Authenticator authenticator, OriginCheck originCheck,
            Function<Caller, Set<String>> visible) {
        this.page = page;
        this.filter = io.helidon.common.LazyValue.create(() -> new CatalogFilter(page));
        this.policy = policy(this.page);
        this.authenticator = authenticator;
        this.originCheck = originCheck;
        this.visible = visible;
    }

    /**
     * Reads {@value #RESOURCE} from {@code loader}; when several jars hold one, the loader's first wins.
     *
     * @param loader the adapter's class loader
     * @return the page's bytes, or {@code null} when there is none
     * @throws UncheckedIOException when the resource exists but cannot be read
     */
    public static byte[] load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the policy sent with {@code page}: the one its own {@code <meta http-equiv="Content-Security-Policy">}
     * states (the generated page names the SHA-256 of its style and script there) with {@code frame-ancestors 'none'},
     * which a meta element cannot set; else {@value #CONTENT_SECURITY_POLICY}.
     */
    static String policy(byte[] page) {
        if (page == null) {
            return CONTENT_SECURITY_POLICY;
        }
        String head = new String(page, 0, Math.min(page.length, 4096), StandardCharsets.UTF_8);
        java.util.regex.Matcher meta = META_POLICY.matcher(head);
        return meta.find() ? meta.group(1) + "; frame-ancestors 'none'" : CONTENT_SECURITY_POLICY;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::serve)
                .route(Method.HEAD, PATH, this::serve)
                .any(PATH, (req, res) -> res.status(405).header(HeaderNames.ALLOW, ALLOW).send());
    }

    private void serve(ServerRequest req, ServerResponse res) {
        if (!originCheck.allows(req.headers().first(HeaderNames.ORIGIN).orElse(null))
                || !originCheck.allowsHost(req.headers().first(HeaderNames.HOST).orElse(null))) {
            text(res, 403, "Forbidden: origin not allowed");
            return;
        }
        Authenticator.Outcome outcome = authenticator.authenticate(
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        if (outcome.caller().isEmpty()) {
            if (outcome.challenge() != null) {
                res.header(HeaderNames.WWW_AUTHENTICATE, outcome.challenge());
            }
            text(res, outcome.status(), outcome.message());
            return;
        }
        if (page == null) {
            text(res, 404, "This adapter has no tool catalog (" + RESOURCE + " is not on its class path).");
            return;
        }
        byte[] shown = filter.get().page(visible.apply(outcome.caller().get()));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .header(CONTENT_SECURITY_POLICY_HEADER, policy)
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header(HeaderNames.CACHE_CONTROL, "private, no-cache");
        if (req.prologue().method() == Method.HEAD) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(shown.length)).send();
        } else {
            res.send(shown);
        }
    }

    private static void text(ServerResponse res, int status, String message) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .send((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
