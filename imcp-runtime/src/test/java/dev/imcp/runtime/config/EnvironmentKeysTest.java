package dev.imcp.runtime.config;

import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.CalcProvider;
import dev.imcp.runtime.fixture.EchoProvider;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Environment variables for keys with {@code _}, {@code -} and mixed case (issue 9). */
class EnvironmentKeysTest {

    private static final String YAML = """
            server:
              port: 0
            sample:
              embedded-upstreams: true
            imcp:
              rest-facade:
                enabled: false
              services:
                echo:
                  timeout-seconds: 5
            """;

    private static final Map<String, String> ENV = Map.of(
            "IMCP_SERVICES_CALC_PORTS_CALCULATORPORT_URL", "http://soap.example.com/calc", // mixed case, from the provider
            "SAMPLE_EMBEDDED_UPSTREAMS", "false",                                     // '-' in a file's key
            "IMCP_REQUEST_TIMEOUT_SECONDS", "7",                                      // '-' in a key no file has
            "IMCP_REST_FACADE_ENABLED", "true",
            "IMCP_SERVICES_ECHO_URL", "http://echo.example.com",                     // Helidon's own mapping did this
            "SERVER_PORT", "9091",
            "PATH", "/usr/bin");

    private static Config config(Map<String, String> env) {
        return EnvironmentKeys.create(env, ImcpServer.keys(List.of(new EchoProvider(), new CalcProvider())),
                ConfigSources.create(YAML, MediaTypes.APPLICATION_X_YAML));
    }

    @Test
    void helidonsOwnMappingMissesKeysWithDashesUnderscoresOrCapitals() {
        // The defect: Helidon 4.3 turns every '_' into '.', so these variables name keys nobody reads.
        Config helidon = Config.just(ConfigSources.create(EnvironmentVariables.expand(ENV)),
                ConfigSources.create(YAML, MediaTypes.APPLICATION_X_YAML));
        assertTrue(helidon.get("sample.embedded-upstreams").asBoolean().get());
        assertFalse(helidon.get("imcp.services.calc.ports.CalculatorPort.url").exists());
        assertFalse(helidon.get("imcp.request-timeout-seconds").exists());
    }

    @Test
    void anAdaptersMainConfigurationMapsVariablesOverItsFiles() {
        // ImcpServer.config: Helidon's default files (none on this class path), then the environment by this rule
        Config config = ImcpServer.config(Map.of("IMCP_SERVICES_CALC_PORTS_CALCULATORPORT_URL", "http://soap.example.com/c",
                "SERVER_PORT", "9092"), List.of(new CalcProvider()));
        assertEquals("http://soap.example.com/c", config.get("imcp.services.calc.ports.CalculatorPort.url").asString().get());
        assertEquals(9092, config.get("server.port").asInt().get());
    }

    @Test
    void everyVariableNamingAKeySetsIt() {
        Config config = config(ENV);
        assertFalse(config.get("sample.embedded-upstreams").asBoolean().get());
        assertEquals("http://soap.example.com/calc", config.get("imcp.services.calc.ports.CalculatorPort.url").asString().get());
        assertEquals(9091, config.get("server.port").asInt().get());
        RuntimeConfig runtime = RuntimeConfig.from(config);
        assertEquals(Map.of("CalculatorPort", "http://soap.example.com/calc"), runtime.service("calc").portUrls());
        assertEquals(Duration.ofSeconds(7), runtime.requestTimeout());
        assertEquals("http://echo.example.com", runtime.service("echo").url());
        assertEquals(Duration.ofSeconds(5), runtime.service("echo").timeout(), "file keys no variable names stay");
        assertTrue(config.get("imcp.rest-facade.enabled").asBoolean().get());
        assertEquals("/usr/bin", config.get("PATH").asString().get(), "other variables keep Helidon's mapping");
    }

    @Test
    void aPortTheContractGivesNoAddressIsConfiguredByItsVariable() {
        // a binding WSDL: the generator names the port with an empty address, so its key is known
        dev.imcp.runtime.spi.ToolProvider vendor = new dev.imcp.runtime.spi.ToolProvider() {
            @Override
            public dev.imcp.runtime.spi.ServiceDescriptor service() {
                return new dev.imcp.runtime.spi.ServiceDescriptor("vendor", "wsdl", "Vendor", null,
                        "0".repeat(64), null, null, Map.of("VendorSoapBinding", ""), null, null);
            }

            @Override
            public List<dev.imcp.runtime.spi.Tool<?, ?>> tools(dev.imcp.runtime.spi.UpstreamContext upstream) {
                return List.of();
            }
        };
        Config unset = EnvironmentKeys.create(Map.of(), ImcpServer.keys(List.of(vendor)),
                ConfigSources.create(YAML, MediaTypes.APPLICATION_X_YAML));
        assertEquals(Map.of(), dev.imcp.runtime.upstream.UpstreamOrigins.of(vendor.service(),
                RuntimeConfig.from(unset).service("vendor")), "no address: no origin, and no failure");

        Config config = EnvironmentKeys.create(
                Map.of("IMCP_SERVICES_VENDOR_PORTS_VENDORSOAPBINDING_URL", "http://erp.example.com/vendor"),
                ImcpServer.keys(List.of(vendor)), ConfigSources.create(YAML, MediaTypes.APPLICATION_X_YAML));

        assertEquals(Map.of("VendorSoapBinding", "http://erp.example.com/vendor"),
                RuntimeConfig.from(config).service("vendor").portUrls());
        assertEquals(List.of("http://erp.example.com:80"), List.copyOf(dev.imcp.runtime.upstream.UpstreamOrigins
                .of(vendor.service(), RuntimeConfig.from(config).service("vendor")).keySet()));
    }

    @Test
    void placeholdersInFilesStillSeeTheEnvironment() {
        Config config = EnvironmentKeys.create(Map.of("LOG_DIR", "/var/log/imcp"), List.of(),
                ConfigSources.create("imcp:\n  audit:\n    file: \"${LOG_DIR}/audit.jsonl\"\n", MediaTypes.APPLICATION_X_YAML));
        assertEquals("/var/log/imcp/audit.jsonl", RuntimeConfig.from(config).auditFile());
    }

    @Test
    void namesMatchWhateverTheCaseAndSeparator() {
        Map<String, String> resolved = EnvironmentKeys.resolve(Map.of("imcp_services_hello_world_ports_soapport_url", "u",
                "Sample.Embedded_Upstreams", "false"), List.of("imcp.services.hello_world.ports.SoapPort.url",
                "sample.embedded-upstreams", "imcp.services.hello.url"));
        assertEquals(Map.of("imcp.services.hello_world.ports.SoapPort.url", "u", "sample.embedded-upstreams", "false"),
                resolved);
    }

    @Test
    void aVariableNamingTwoKeysFailsStartUpNamingBoth() {
        List<String> keys = List.of("imcp.services.a_b.url", "imcp.services.a-b.url", "imcp.services.c.url");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnvironmentKeys.resolve(Map.of("IMCP_SERVICES_A_B_URL", "x"), keys));
        assertTrue(e.getMessage().contains("IMCP_SERVICES_A_B_URL") && e.getMessage().contains("imcp.services.a_b.url")
                && e.getMessage().contains("imcp.services.a-b.url"), e.getMessage());
        assertEquals(Map.of("imcp.services.c.url", "y"), EnvironmentKeys.resolve(Map.of("IMCP_SERVICES_C_URL", "y"), keys),
                "keys that look alike are no error while no variable names them");
    }

    private static final String TENANTS_YAML = """
            imcp:
              services:
                acct_eu:
                  url: http://acct.example.com
                  tenants:
                    acme:
                      auth: {type: basic, username: acme-app}
                    Initech:
                      auth: {type: bearer}
            """;

    private static Config tenantConfig(Map<String, String> env) {
        return EnvironmentKeys.create(env, ImcpServer.keys(List.of(new dev.imcp.runtime.fixture.ItemsProvider("acct_eu"))),
                ConfigSources.create(TENANTS_YAML, MediaTypes.APPLICATION_X_YAML));
    }

    @Test
    void tenantCredentialKeysCanBeSetFromTheEnvironment() {
        ServiceConfig acct = RuntimeConfig.from(tenantConfig(Map.of(
                "IMCP_SERVICES_ACCT_EU_TENANTS_ACME_AUTH_PASSWORD", "acme-pw",       // a tenant a file names
                "IMCP_SERVICES_ACCT_EU_TENANTS_INITECH_AUTH_TOKEN", "initech-token", // its capitals from the file
                "IMCP_SERVICES_ACCT_EU_TENANTS_GLOBEX_AUTH_TYPE", "basic",           // a tenant only the environment names
                "IMCP_SERVICES_ACCT_EU_TENANTS_GLOBEX_AUTH_USERNAME", "globex-app",
                "IMCP_SERVICES_ACCT_EU_TENANTS_GLOBEX_AUTH_PASSWORD", "globex-pw"))).service("acct_eu");
        Map<String, ServiceConfig> sets = acct.tenants().sets();
        assertEquals(java.util.Set.of("acme", "Initech", "globex"), sets.keySet());
        assertEquals("acme-app", sets.get("acme").auth().username());
        assertEquals("acme-pw", sets.get("acme").auth().password());
        assertEquals("initech-token", sets.get("Initech").auth().token());
        assertEquals(OutboundAuth.Type.BASIC, sets.get("globex").auth().type());
        assertEquals("globex-app", sets.get("globex").auth().username());
        assertEquals("globex-pw", sets.get("globex").auth().password());
    }

    @Test
    void aTenantWhoseNameTheVariableCannotTellIsRefusedWithTheWayOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tenantConfig(Map.of(
                "IMCP_SERVICES_ACCT_EU_TENANTS_ACME_CORP_AUTH_TOKEN", "x")));
        assertTrue(e.getMessage().contains("IMCP_SERVICES_ACCT_EU_TENANTS_ACME_CORP_AUTH_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("imcp.services.acct_eu.tenants.<tenant>"), e.getMessage());
    }
}
