package dev.cellbridge.gateway.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a {@link ConfigurationTarget} in step with the configuration files of one directory: a new or changed file
 * creates or updates its configuration, a removed file deletes it. A file that cannot be read or parsed is reported
 * and changes nothing: the configuration in force stays until the file is fixed.
 *
 * <p>{@link #start()} applies every file, then a thread follows the directory: on each change it notices (and, for
 * file systems without change notification, every {@link #RESCAN_MILLIS} ms) it compares every file with what it
 * applied last, so a change is applied once however many events it makes.
 */
final class ConfigDirectory implements AutoCloseable {

    /** Rescan interval when no change is notified. */
    static final long RESCAN_MILLIS = 2_000;

    /** Quiet time after a change notification before rescanning, so a file being written is read whole. */
    static final long SETTLE_MILLIS = 100;

    private final Path directory;
    private final ConfigurationTarget target;
    private final Consumer<String> log;

    /** Per file name: what was read last and what it configured; guarded by this. */
    private final Map<String, Seen> seen = new HashMap<>();

    private WatchService watchService;
    private Thread watcher;

    /**
     * The last content of a file; the configuration it applied (null if none yet); whether it was set aside because
     * another file configures the same PID (it is then looked at again on every scan, to take over when that PID is
     * free).
     */
    private record Seen(byte[] content, ConfigId applied, boolean setAside) {
    }

    /**
     * @param log receives one line per configuration created, updated or deleted, and per problem
     */
    ConfigDirectory(Path directory, ConfigurationTarget target, Consumer<String> log) {
        this.directory = directory;
        this.target = target;
        this.log = log;
    }

    /** Applies every file now, then follows the directory on a thread of its own until {@link #close()}. */
    synchronized void start() throws IOException {
        watchService = directory.getFileSystem().newWatchService();
        directory.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        sync();
        watcher = new Thread(this::follow, "cellbridge-gateway-config-watcher");
        watcher.start();
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            thread = watcher;
            watcher = null;
            if (watchService != null) {
                try {
                    watchService.close();
                } catch (IOException e) {
                    log.accept("cannot close the watch of " + directory + ": " + e);
                }
            }
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void follow() {
        try {
            while (true) {
                WatchKey key = watchService.poll(RESCAN_MILLIS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    // let a burst of events (an editor's save, a copy in progress) settle, then rescan once
                    do {
                        key.pollEvents();
                        if (!key.reset()) {
                            log.accept(directory + " is gone; no longer following it");
                            return;
                        }
                        key = watchService.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                    } while (key != null);
                }
                sync();
            }
        } catch (ClosedWatchServiceException e) {
            // closed: the gateway is stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.accept("stopped following " + directory + " after an unexpected error: " + e);
        }
    }

    /** Brings the target in step with the directory's current files. */
    synchronized void sync() {
        Map<String, Path> files = listFiles();
        if (files == null) {
            return;
        }
        Map<String, String> fileOfPid = new HashMap<>();
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            String name = entry.getKey();
            Seen previous = seen.get(name);
            byte[] content;
            try {
                content = Files.readAllBytes(entry.getValue());
            } catch (IOException e) {
                log.accept(name + ": cannot read it (" + e + "); the configuration in force stays");
                claim(fileOfPid, name, previous);
                continue;
            }
            boolean unchanged = previous != null && Arrays.equals(previous.content(), content);
            if (unchanged && !previous.setAside()) {
                claim(fileOfPid, name, previous);
                continue;
            }
            seen.put(name, read(name, content, previous, unchanged, fileOfPid));
        }
        for (String name : List.copyOf(seen.keySet())) {
            if (!files.containsKey(name)) {
                ConfigId applied = seen.remove(name).applied();
                if (applied != null && !fileOfPid.containsKey(applied.pid())) {
                    delete(name, applied);
                }
            }
        }
    }

    /** Parses and applies a new or changed file (or one set aside before); returns what to remember of it. */
    private Seen read(String name, byte[] content, Seen previous, boolean unchanged, Map<String, String> fileOfPid) {
        ConfigId applied = previous == null ? null : previous.applied();
        try {
            ConfigFiles.Parsed parsed = ConfigFiles.parse(name, content);
            String owner = fileOfPid.putIfAbsent(parsed.id().pid(), name);
            if (owner != null) {
                if (!unchanged) {
                    log.accept(name + ": ignored while " + owner + " configures the same PID " + parsed.id().pid());
                }
                return new Seen(content, applied, true);
            }
            if (target.apply(parsed.id(), parsed.properties())) {
                log.accept((applied == null ? "created " : "updated ") + parsed.id().pid() + " from " + name);
            }
            return new Seen(content, parsed.id(), false);
        } catch (ConfigFileException e) {
            log.accept(e.getMessage() + (applied == null ? "; nothing applied" : "; the configuration in force stays"));
        } catch (Exception e) {
            log.accept(name + ": ConfigurationAdmin refused it: " + e);
        }
        claim(fileOfPid, name, previous);
        return new Seen(content, applied, false);
    }

    private static void claim(Map<String, String> fileOfPid, String name, Seen seen) {
        if (seen != null && seen.applied() != null) {
            fileOfPid.putIfAbsent(seen.applied().pid(), name);
        }
    }

    private void delete(String name, ConfigId id) {
        try {
            if (target.delete(id)) {
                log.accept("deleted " + id.pid() + " (" + name + " was removed)");
            }
        } catch (Exception e) {
            log.accept("cannot delete " + id.pid() + " after " + name + " was removed: " + e);
        }
    }

    /** The configuration files by name, sorted; null (reported) if the directory cannot be listed. */
    private Map<String, Path> listFiles() {
        Map<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (ConfigFiles.isConfigFile(name) && Files.isRegularFile(entry)) {
                    files.put(name, entry);
                }
            }
        } catch (IOException e) {
            log.accept("cannot list " + directory + ": " + e);
            return null;
        }
        return files;
    }
}
