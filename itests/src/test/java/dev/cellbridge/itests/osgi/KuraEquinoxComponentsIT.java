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
 * The cellular bundle's configurable components ({@link ComponentTests}) on the runtime Eclipse Kura 5.4-5.6 ships:
 * Equinox 3.16.0, Felix SCR 2.1.16, Equinox ConfigurationAdmin and MetaType (bundle set {@code target/osgi/kura}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraEquinoxComponentsIT extends ComponentTests {

    @Configuration
    public Option[] configuration() {
        return options(
            BundleSet.kuraRuntime(),
            junitBundles());
    }
}
