package dev.cellbridge.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The bundle jars the gateway carries, under {@code gateway/bundles/<group>/} of its own jar (or of its classes
 * directory when run from a build), by group: {@code runtime}, {@code cellbridge}, {@code shell}.
 */
final class EmbeddedBundles implements AutoCloseable {

    static final String RUNTIME = "runtime";
    static final String CELLBRIDGE = "cellbridge";
    static final String SHELL = "shell";

    private static final String ROOT = "gateway/bundles";

    private final FileSystem jar;
    private final Path root;

    private EmbeddedBundles(FileSystem jar, Path root) {
        this.jar = jar;
        this.root = root;
    }

    /** The bundles carried by the jar (or classes directory) this class was loaded from. */
    static EmbeddedBundles ofThisGateway() throws IOException {
        Path location;
        try {
            URI uri = EmbeddedBundles.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            location = Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the gateway jar: " + e.getMessage(), e);
        }
        if (Files.isDirectory(location)) {
            return new EmbeddedBundles(null, location.resolve(ROOT));
        }
        FileSystem jar = FileSystems.newFileSystem(location);
        return new EmbeddedBundles(jar, jar.getPath(ROOT));
    }

    /** Installs every jar of the group, in name order; the locations are {@code cellbridge-gateway:<group>/<jar>}. */
    List<Bundle> install(BundleContext context, String group) throws IOException, BundleException {
        Path dir = root.resolve(group);
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            entries.forEach(jars::add);
        }
        if (jars.isEmpty()) {
            throw new IOException("no bundles in " + dir + " (a broken build)");
        }
        jars.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Bundle> bundles = new ArrayList<>();
        for (Path path : jars) {
            try (InputStream in = Files.newInputStream(path)) {
                bundles.add(context.installBundle("cellbridge-gateway:" + group + "/" + path.getFileName(), in));
            }
        }
        return bundles;
    }

    @Override
    public void close() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }
}
