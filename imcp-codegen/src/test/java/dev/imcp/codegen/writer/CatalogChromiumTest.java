package dev.imcp.codegen.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.TinyProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool catalog as a browser shows it (headless Chromium, see {@link Chromium}): the sample adapter's 13 tools
 * from WSDL, OpenAPI and MCP JSON, a 1,000-tool adapter, and contract text that tries to inject markup. Each test
 * reads the DOM after the page's script ran: the tool rows, the argument rows of an opened tool, its binding and
 * contract line, what the search and the service filter leave visible (the page keeps both in its location hash, so
 * a URL opens a filtered view). Screenshots go to {@code target/catalog-screenshots/}; the page size and time to
 * render of the 1,000-tool catalog to {@code target/catalog-screenshots/figures.txt}.
 */
class CatalogChromiumTest {

    static final Path SHOTS = Path.of("target/catalog-screenshots");

    @TempDir
    static Path work;

    static Chromium chromium;
    static Path sample;

    @BeforeAll
    static void generate() throws Exception {
        chromium = Chromium.require(Files.createDirectories(work.resolve("browser")));
        sample = CatalogPages.sample(work.resolve("sample"));
    }

    @Test
    void sampleCatalogShowsEveryToolWithArgumentsBindingAndSource() throws Exception {
        String dom = chromium.dumpDom(sample, "tool=*");
        assertEquals("13", attribute(dom, "id=\"status\"", "data-shown"));
        for (String tool : new String[] {"listPets", "createPets", "showPetById", "quoteAdoption", "requestAdoption",
                "greetMe", "sayHi", "greetMeOneWay", "testDocLitFault"}) {
            assertTrue(dom.contains("id=\"tool-" + tool + "\" open=\"\""), tool + " is listed and opened");
        }
        String showPet = section(dom, "showPetById");
        assertTrue(showPet.contains("<span class=\"verb GET\">GET</span> /pets/{petId}"), showPet);
        assertTrue(showPet.contains("<dd><code>src/main/contracts/petstore.yaml:"
                + (line("petstore.yaml", "  /pets/{petId}:") + 1) + "</code></dd>"), showPet);
        Matcher petId = row(showPet, "petId");
        assertTrue(petId.find(), showPet);
        assertTrue(petId.group().contains("<code>string</code>") && petId.group().contains("class=\"req\">yes<"),
                petId.group());
        String quote = section(dom, "quoteAdoption");
        Matcher plan = row(quote, "plan");
        assertTrue(plan.find(), quote);
        assertTrue(plan.group().contains("<code>\"basic\"</code>"), "default shown: " + plan.group());
        String greet = section(dom, "greetMe");
        assertTrue(greet.contains("<span class=\"verb SOAP\">SOAP</span> greetMe @ SoapPort"), greet);
        assertTrue(greet.contains("hello_world.wsdl:" + line("hello_world.wsdl", "<wsdl:operation name=\"greetMe\">")),
                greet);
        assertTrue(greet.contains("<dt>Port</dt><dd><code>SoapPort</code></dd>"), greet);
        String create = section(dom, "createPets");
        assertTrue(create.contains("aria-expanded=\"false\""), "a nested object can be expanded: " + create);
        assertTrue(create.contains("destructiveHint: true"), create);

        chromium.screenshot(sample, "", SHOTS.resolve("sample-catalog.png"), 1280, 800);
        // filtered so that the opened tool is first: a headless screenshot of a page its script scrolled comes out blank
        chromium.screenshot(sample, "service=adoptions&tool=quoteAdoption", SHOTS.resolve("sample-tool.png"), 1280, 800);
    }

    @Test
    void searchAndServiceFilterNarrowTheList() throws Exception {
        String adoption = chromium.dumpDom(sample, "q=adoption");
        assertEquals("2", attribute(adoption, "id=\"status\"", "data-shown"));
        assertTrue(visible(adoption, "quoteAdoption") && visible(adoption, "requestAdoption"));
        assertFalse(visible(adoption, "listPets") || visible(adoption, "greetMe"));

        String soap = chromium.dumpDom(sample, "service=hello_world");
        assertEquals("8", attribute(soap, "id=\"status\"", "data-shown"));
        assertTrue(visible(soap, "greetMe") && visible(soap, "testDocLitFault"));
        assertFalse(visible(soap, "listPets") || visible(soap, "quoteAdoption"));

        String both = chromium.dumpDom(sample, "service=petstore&q=GET%20pets");
        assertEquals("2", attribute(both, "id=\"status\"", "data-shown"));
        assertTrue(visible(both, "listPets") && visible(both, "showPetById"));
        assertFalse(visible(both, "createPets"), "every word must match: createPets is a POST");
        assertFalse(visible(both, "quoteAdoption"), "another service's GET");
        assertTrue(both.contains("<div class=\"empty\" hidden=\"\">No tool matches.</div>"), both);
    }

    @Test
    void thousandToolAdapterLoadsQuicklyAndStaysSearchable() throws Exception {
        Path fleet = CatalogPages.synthetic(work.resolve("fleet"), 1000);
        long bytes = Files.size(fleet);
        String dom = chromium.dumpDom(fleet, "");
        assertEquals("1000", attribute(dom, "id=\"status\"", "data-shown"));
        long readyMs = Long.parseLong(attribute(dom, "<html", "data-ready-ms"));
        String group = chromium.dumpDom(fleet, "q=group7&tool=updateGroup7Item457");
        assertEquals("100", attribute(group, "id=\"status\"", "data-shown"));
        String tool = section(group, "updateGroup7Item457");
        Matcher itemId = row(tool, "itemId");
        assertTrue(itemId.find() && itemId.group().contains("minLength: 3") && itemId.group().contains(">yes<"), tool);
        Matcher mode = row(tool, "mode");
        assertTrue(mode.find() && mode.group().contains("\"fast\", \"safe\"") && mode.group().contains("\"safe\""), tool);
        assertTrue(tool.contains("POST</span> /group7/items457/{itemId}"), tool);
        assertTrue(tool.contains("contracts/fleet.yaml:"), tool);

        chromium.screenshot(fleet, "", SHOTS.resolve("fleet-1000-tools.png"), 1280, 800);
        String figures = String.format(Locale.ROOT, "1,000-tool catalog: %,d bytes (%.1f KiB per tool); "
                + "rendered %d ms after navigation start (headless Chromium, this machine)%n", bytes, bytes / 1024.0 / 1000,
                readyMs);
        Files.writeString(Files.createDirectories(SHOTS).resolve("figures.txt"), figures);
        System.out.print(figures);
        assertTrue(bytes < 4_000_000, "page size " + bytes);
        assertTrue(readyMs < 20_000, "render time " + readyMs + " ms");
    }

    @Test
    void contractTextCannotInjectMarkupOrScript() throws Exception {
        TinyProject project = new TinyProject(work.resolve("evil"));
        project.write("evil.mcp.json", """
                {"name": "evil", "version": "1", "description": "</title><script>document.title='pwned'</script>",
                 "tools": [{"name": "steal", "title": "<img src=x onerror=\\"document.title='pwned'\\">",
                   "description": "</script><script>document.title='pwned'</script><b>bold</b>",
                   "endpoint": {"method": "GET", "baseUrl": "http://127.0.0.1:9", "path": "/x"},
                   "inputSchema": {"type": "object", "properties": {"q": {"type": "string",
                     "description": "<iframe src=\\"https://evil.example\\"></iframe>", "default": "</script>"}}}}]}
                """);
        project.generate();
        Path page = work.resolve("evil/out/resources").resolve(CatalogPage.FILE);
        String dom = chromium.dumpDom(page, "tool=steal");
        assertFalse(dom.contains("pwned</title>"), "no injected script ran");
        assertFalse(dom.contains("<img") || dom.contains("<iframe") || dom.contains("<b>bold"), dom);
        assertTrue(dom.contains("&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"),
                "the description is shown as text");
        assertTrue(dom.contains("&lt;img src=x onerror="), "the title is shown as text");
        assertTrue(dom.contains("id=\"tool-steal\" open=\"\""), "the page still works");
    }

    private static boolean visible(String dom, String tool) {
        Matcher m = Pattern.compile("<details class=\"tool\" id=\"tool-" + Pattern.quote(tool) + "\"([^>]*)>").matcher(dom);
        assertTrue(m.find(), tool + " is in the page");
        return !m.group(1).contains("hidden");
    }

    /** The markup of one tool's {@code <details>}, up to the next tool's. */
    private static String section(String dom, String tool) {
        int start = dom.indexOf("id=\"tool-" + tool + "\"");
        assertTrue(start >= 0, tool + " is in the page");
        int end = dom.indexOf("<details class=\"tool\"", start);
        return dom.substring(start, end < 0 ? dom.length() : end);
    }

    private static Matcher row(String section, String arg) {
        return Pattern.compile("<tr data-arg=\"" + Pattern.quote(arg) + "\">.*?</tr>", Pattern.DOTALL).matcher(section);
    }

    private static String attribute(String dom, String elementMarker, String name) {
        int at = dom.indexOf(elementMarker);
        assertTrue(at >= 0, elementMarker + " is in the page");
        int open = dom.lastIndexOf('<', at);
        int close = dom.indexOf('>', at);
        Matcher m = Pattern.compile(Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom.substring(open, close));
        assertTrue(m.find(), name + " on " + elementMarker);
        return m.group(1);
    }

    private static int line(String contract, String needle) throws Exception {
        String text = Files.readString(CatalogPages.SAMPLE.resolve("src/main/contracts").resolve(contract));
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
