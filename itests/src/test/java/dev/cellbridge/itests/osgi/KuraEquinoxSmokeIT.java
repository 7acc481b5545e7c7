package dev.cellbridge.itests.osgi;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.List;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Version;

/**
 * The smoke tests on the runtime Eclipse Kura 5.4-5.6 ships: Equinox 3.16.0 with Felix SCR 2.1.16, Equinox
 * ConfigurationAdmin 1.4.400, MetaType 1.5.300 and EventAdmin 1.5.500 (bundle set {@code target/osgi/kura}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraEquinoxSmokeIT extends OsgiSmokeTests {

    @Configuration
    public Option[] configuration() {
        return options(
            BundleSet.kuraRuntime(),
            composite(BundleSet.provision("kura-integration", 3)),
            junitBundles());
    }

    @Override
    protected String expectedFramework() {
        return "org.eclipse.osgi";
    }

    @Override
    protected Version expectedFrameworkVersion() {
        return new Version(3, 16, 0);
    }

    @Override
    protected Version expectedScrVersion() {
        return new Version(2, 1, 16);
    }

    /** Kura's runtime also runs the Kura integration (with the kura-api bundle standing in for Kura's API). */
    @Override
    protected List<String> cellbridgeBundles() {
        return kuraRuntimeBundles();
    }
}
