package dev.cellbridge.itests.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * One directory of bundle jars under {@code target/osgi/} (filled by the dependency plugin, see itests/pom.xml),
 * turned into Pax Exam provisioning options. Runs on the JUnit side, outside the framework.
 *
 * <p>The pom is the single list of what each runtime contains; this class only installs what it finds, so a
 * directory that is missing or empty is an error rather than a silently smaller runtime.
 */
final class BundleSet {

    /** System property (set by failsafe) naming the directory that holds the bundle sets. */
    static final String BUNDLES_DIR_PROPERTY = "cellbridge.itests.bundles";

    private BundleSet() {
    }

    /**
     * The runtime Eclipse Kura 5.4-5.6 ships (Equinox 3.16.0, Felix SCR 2.1.16, Equinox ConfigurationAdmin, MetaType,
     * EventAdmin: set {@code kura}) with the cellbridge bundles and their libraries (set {@code common}).
     */
    static Option kuraRuntime() {
        return composite(composite(provision("kura", 1)), composite(provision("common", 3)));
    }

    /** A current Apache Felix (set {@code felix}) with the cellbridge bundles and their libraries. */
    static Option felixRuntime() {
        return composite(
            // The framework shares the JVM with the test class path (Pax Exam's own SLF4J among others); Felix's
            // implicit boot delegation would let JDK code such as ServiceLoader reach into it.
            frameworkProperty("felix.bootdelegation.implicit").value("false"),
            composite(provision("felix", 1)),
            composite(provision("common", 3)));
    }

    /**
     * Options installing every jar of {@code target/osgi/<name>} at the given start level; fragments are
     * installed without being started (a fragment cannot be started).
     */
    static Option[] provision(String name, int startLevel) {
        File dir = directory(name);
        File[] jars = dir.listFiles((d, file) -> file.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundles in " + dir + " (run the build through `mvn verify`, "
                + "which copies them there in the pre-integration-test phase)");
        }
        Arrays.sort(jars, Comparator.comparing(File::getName));
        List<Option> options = new ArrayList<>();
        for (File jar : jars) {
            UrlProvisionOption option = bundle(jar.toURI().toString()).startLevel(startLevel);
            options.add(isFragment(jar) ? option.noStart() : option);
        }
        return options.toArray(new Option[0]);
    }

    private static File directory(String name) {
        String base = System.getProperty(BUNDLES_DIR_PROPERTY);
        if (base == null) {
            throw new IllegalStateException("system property " + BUNDLES_DIR_PROPERTY
                + " is not set; run the OSGi tests through failsafe (`mvn verify`)");
        }
        return new File(base, name);
    }

    private static boolean isFragment(File jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                throw new IllegalStateException(jar + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            return manifest.getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
