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
 * The cellular bundle's configurable components ({@link ComponentTests}) on a current Apache Felix: framework 7,
 * SCR 2.2, ConfigAdmin, MetaType (bundle set {@code target/osgi/felix}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FelixComponentsIT extends ComponentTests {

    @Configuration
    public Option[] configuration() {
        return options(
            BundleSet.felixRuntime(),
            junitBundles());
    }
}
