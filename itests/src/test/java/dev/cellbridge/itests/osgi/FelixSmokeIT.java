package dev.cellbridge.itests.osgi;

import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Version;

/**
 * The smoke tests on a current Apache Felix: framework 7.0.5, SCR 2.2, ConfigAdmin, MetaType, EventAdmin and
 * SLF4J 2 through Aries SPI Fly (bundle set {@code target/osgi/felix}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FelixSmokeIT extends OsgiSmokeTests {

    @Configuration
    public Option[] configuration() {
        return options(
            BundleSet.felixRuntime(),
            junitBundles());
    }

    @Override
    protected String expectedFramework() {
        return "org.apache.felix.framework";
    }

    @Override
    protected Version expectedFrameworkVersion() {
        return new Version(7, 0, 5);
    }

    @Override
    protected Version expectedScrVersion() {
        return new Version(2, 2, 18);
    }
}
