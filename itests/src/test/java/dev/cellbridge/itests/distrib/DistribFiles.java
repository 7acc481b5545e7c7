package dev.cellbridge.itests.distrib;

import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * Where the build put what the distribution tests need (see the failsafe system properties in itests/pom.xml):
 * the artifacts of distrib/ and features/ in {@code target/distrib}, the OSGi bundle sets in {@code target/osgi},
 * an unpacked Apache Karaf and the Maven repository for its feature test.
 */
final class DistribFiles {

    private DistribFiles() {
    }

    /** {@code target/distrib/<name>}: cellbridge.dp, cellbridge-gateway.jar. */
    static Path distrib(String name) {
        return existing(Path.of(property("cellbridge.itests.distrib")).resolve(name));
    }

    /** The unpacked Apache Karaf distribution (never modified: tests run on a copy). */
    static Path karafHome() {
        return existing(Path.of(property("cellbridge.itests.karaf.home")));
    }

    /** The Maven repository holding our feature repository and the bundles it needs (karaf-maven-plugin). */
    static Path karafRepository() {
        return existing(Path.of(property("cellbridge.itests.karaf.repo")));
    }

    /** The project version, e.g. 0.1.0-SNAPSHOT. */
    static String projectVersion() {
        return property("cellbridge.itests.version");
    }

    /**
     * Pax Exam options installing every jar of {@code target/osgi/<set>} at the start level; fragments are
     * installed without being started.
     */
    static Option[] bundleSet(String set, int startLevel) {
        File dir = new File(property("cellbridge.itests.bundles"), set);
        File[] jars = dir.listFiles((d, file) -> file.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundles in " + dir + " (run the tests through `mvn verify`)");
        }
        Arrays.sort(jars, Comparator.comparing(File::getName));
        List<Option> options = new ArrayList<>();
        for (File jar : jars) {
            UrlProvisionOption option = bundle(jar.toURI().toString()).startLevel(startLevel);
            options.add(isFragment(jar) ? option.noStart() : option);
        }
        return options.toArray(new Option[0]);
    }

    private static boolean isFragment(File jar) {
        try (JarFile file = new JarFile(jar)) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run the distribution tests "
                + "through failsafe (`mvn verify`)");
        }
        return value;
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist; `mvn verify` builds and copies it in the "
                + "pre-integration-test phase");
        }
        return path;
    }
}
