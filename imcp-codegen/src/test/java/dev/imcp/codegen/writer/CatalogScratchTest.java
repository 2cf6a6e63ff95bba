package dev.imcp.codegen.writer;
import java.nio.file.*;
import org.junit.jupiter.api.Test;
class CatalogScratchTest {
    @Test void gen() throws Exception {
        Path a = CatalogPages.sample(Path.of("/tmp/cat/sample"));
        Path b = CatalogPages.synthetic(Path.of("/tmp/cat/syn"), 1000);
        System.out.println(a + " " + Files.size(a) + " " + b + " " + Files.size(b));
    }
}
