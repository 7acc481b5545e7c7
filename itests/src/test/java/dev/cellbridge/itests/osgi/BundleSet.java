package dev.cellbridge.itests.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;

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
