package dev.cellbridge.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Kura's runtime launched with a pinned Java 8 profile, as a hand-edited or vendor config.ini may do, plus the
 * documented fix (docs/osgi.md).
 *
 * <p>Equinox 3.16 derives the {@code osgi.ee} capability from the running JVM only when no profile is configured;
 * {@code osgi.java.profile=JavaSE-1.8.profile} caps it at JavaSE 1.8 and every cellbridge bundle (which requires
 * JavaSE 17) stays unresolved. {@code org.osgi.framework.system.capabilities.extra} adds the missing versions
 * without touching the profile's package list.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraEquinoxJava8ProfileIT extends OsgiSmokeTests {

    /** The fix, exactly as docs/osgi.md gives it for config.ini. */
    static final String JAVA_17_EXTRA_CAPABILITY =
        "osgi.ee; osgi.ee=\"JavaSE\"; version:List<Version>=\"9, 10, 11, 12, 13, 14, 15, 16, 17\"";

    @Configuration
    public Option[] configuration() {
        return options(
            frameworkProperty("osgi.java.profile").value("JavaSE-1.8.profile"),
            frameworkProperty("org.osgi.framework.system.capabilities.extra").value(JAVA_17_EXTRA_CAPABILITY),
            BundleSet.kuraRuntime(),
            composite(BundleSet.provision("kura-integration", 3)),
            junitBundles());
    }

    @Test
    public void pinnedProfileStopsAtJava8AndTheExtraCapabilityAddsJava17() {
        List<Version> fromProfile = null;
        List<Version> fromExtra = null;
        for (BundleCapability capability : context.getBundle(0).adapt(BundleWiring.class)
            .getCapabilities(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE)) {
            if (!"JavaSE".equals(capability.getAttributes().get(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE))) {
                continue;
            }
            List<Version> versions = versions(capability);
            if (versions.contains(new Version(1, 8, 0))) {
                fromProfile = versions;
            } else {
                fromExtra = versions;
            }
        }
        assertTrue("the pinned profile offers JavaSE 1.8 as its highest version: " + fromProfile,
            fromProfile != null && Collections.max(fromProfile).equals(new Version(1, 8, 0)));
        assertEquals("the extra capability offers JavaSE 9 to 17", versionsNineToSeventeen(), fromExtra);
    }

    private static List<Version> versions(BundleCapability capability) {
        List<Version> versions = new ArrayList<>();
        Object value = capability.getAttributes().get(ExecutionEnvironmentNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        if (value instanceof List<?>) {
            for (Object version : (List<?>) value) {
                versions.add((Version) version);
            }
        } else if (value instanceof Version) {
            versions.add((Version) value);
        }
        return versions;
    }

    private static List<Version> versionsNineToSeventeen() {
        List<Version> versions = new ArrayList<>();
        for (int major = 9; major <= 17; major++) {
            versions.add(new Version(major, 0, 0));
        }
        return versions;
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
