import dev.imcp.sample.EmbeddedUpstreams;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The SOAP upstream of bench/serve.sh, in a JVM of its own so that its CPU is not counted as the adapter's:
 * starts the sample's embedded upstreams (CXF greeter endpoints and the REST petstore), prints
 * {@code soap=<greeter address>} and runs until killed.
 *
 * <p>Run with the sample's fat jar on the class path: {@code java -cp petstore-greeter.jar SoapUpstream.java}.
 */
public final class SoapUpstream {

    private SoapUpstream() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedUpstreams upstreams = EmbeddedUpstreams.start(
                Config.just(ConfigSources.create(Map.of("petstore-token", "bench"))));
        System.out.println("soap=" + upstreams.greeterAddress());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
