package dev.cellbridge.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Main class of {@code cellbridge-gateway.jar}; uses the JDK only.
 *
 * <p>Equinox cannot be merged into another jar: it builds its system bundle from its own {@code MANIFEST.MF}
 * (found through its code source). So the jar carries {@code org.eclipse.osgi.jar} whole; Boot copies it into a
 * fresh temporary directory (the gateway's work directory, deleted when the gateway stops) and runs
 * {@link Gateway} in a class loader made of that jar and this one, with the platform class loader as parent:
 * the launcher classes then link against the framework's own OSGi API classes.
 */
public final class Boot {

    /** Resource path of the embedded framework jar. */
    static final String FRAMEWORK_JAR = "gateway/framework/org.eclipse.osgi.jar";

    /** Loaded by name only: a class literal would load it (and its OSGi types) in the wrong class loader. */
    private static final String GATEWAY_CLASS = "dev.cellbridge.gateway.internal.Gateway";

    private Boot() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = boot(args);
        } catch (BootException e) {
            System.err.println("cellbridge-gateway: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private static int boot(String[] args) throws BootException {
        Path self = ownLocation();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("cellbridge-gateway-");
        } catch (IOException e) {
            throw new BootException("cannot create a work directory: " + e, e);
        }
        Path framework = workDir.resolve("org.eclipse.osgi.jar");
        try (InputStream in = Boot.class.getClassLoader().getResourceAsStream(FRAMEWORK_JAR)) {
            if (in == null) {
                throw new IOException(FRAMEWORK_JAR + " is missing from " + self + " (a broken build)");
            }
            Files.copy(in, framework, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            WorkDirectory.delete(workDir);
            throw new BootException("cannot extract the framework into " + workDir + ": " + e.getMessage(), e);
        }
        // from here on the work directory belongs to Gateway.run, which deletes it when the framework has stopped
        try {
            URLClassLoader loader = new URLClassLoader("cellbridge-gateway",
                new URL[] {self.toUri().toURL(), framework.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            Method run = loader.loadClass(GATEWAY_CLASS).getMethod("run", String[].class, Path.class);
            return (Integer) run.invoke(null, args, workDir);
        } catch (InvocationTargetException e) {
            throw new BootException("failed: " + e.getCause(), e.getCause());
        } catch (IOException | ReflectiveOperationException e) {
            throw new BootException("cannot load the launcher: " + e, e);
        }
    }

    private static Path ownLocation() throws BootException {
        try {
            return Path.of(Boot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new BootException("cannot locate the gateway jar: " + e, e);
        }
    }

    private static final class BootException extends Exception {
        BootException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
