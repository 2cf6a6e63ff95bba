package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.PetsProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training run behind {@code --training-run}: it answers every step through the real server and endpoint, with
 * and without API keys, and never needs an upstream (the pets upstream here is a closed port).
 */
class TrainingRunTest {

    private static final String SERVICES = """
              services:
                pets:
                  url: http://127.0.0.1:9/closed
            """;

    @Test
    void withoutApiKeysEveryHttpStepIsAnswered() {
        assertEquals("HTTP initialize 200, tools/list 200, 2026-07-28 tools/list 200; 5 revisions in process",
                run("imcp:\n" + SERVICES));
    }

    @Test
    void withApiKeysHttpStopsAtAuthenticationAndTheEndpointIsStillTrained() {
        String yaml = """
                imcp:
                  auth:
                    api-keys:
                      - name: demo
                        sha256: "f73be5a3344d32463ac143280c11bb640a7002b64e82982b101dbe5c4518b4ec"
                """ + SERVICES;
        assertEquals("HTTP initialize 401, 2026-07-28 tools/list 401; 5 revisions in process", run(yaml));
    }

    private static String run(String yaml) {
        try (ImcpServer server = ImcpServer.start(Fixture.config(yaml), List.of(new EchoProvider(),
                new PetsProvider("pets", "getPet")), 0)) {
            return new TrainingRun(server.adapter(), server.uri()).run();
        }
    }
}
