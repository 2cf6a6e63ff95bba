package dev.imcp.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A generation out of heap fails the build with its code, the heap it had and both ways out, not a stack trace. */
class OutOfMemoryMessageTest {

    @Test
    void namesTheHeapAndBothRemedies() {
        String message = GenerateMojo.outOfMemory(1_836_056_576L); // 1,751 MiB: a 7 GB machine's default heap

        assertTrue(message.startsWith("[GENERATION_OUT_OF_MEMORY] "), message);
        assertTrue(message.contains("maximum: 1,751 MiB"), message);
        assertTrue(message.contains(".mvn/jvm.config") && message.contains("MAVEN_OPTS=-Xmx4g"), message);
        assertTrue(message.contains("<includeOperations>") && message.contains("<excludeOperations>"), message);
    }
}
