package dev.cellbridge.itests.osgi;

import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The relay ({@link RelayTests}) on the runtime Eclipse Kura 5.4-5.6 ships:
 * Equinox 3.16.0, Felix SCR 2.1.16, Equinox ConfigurationAdmin and EventAdmin, Kura's Gson 2.9.0 (bundle set
 * {@code target/osgi/kura}); without a Kura CloudPublisher the relay publishes with its own Paho client.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraEquinoxRelayIT extends RelayTests {

    @Configuration
    public Option[] configuration() {
        return options(
            BundleSet.kuraRuntime(),
            junitBundles());
    }
}
