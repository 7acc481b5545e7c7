package dev.cellbridge.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirectoryTest {

    @TempDir
    Path dir;

    private final MapTarget target = new MapTarget();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private ConfigDirectory directory;

    @AfterEach
    void close() {
        if (directory != null) {
            directory.close();
        }
    }

    @Test
    void startAppliesEveryFileAndIgnoresOthers() throws Exception {
        write("a.cfg", "x=1");
        write("f~one.json", "{\"n\": 2}");
        write("b.config", "y=I\"3\"");
        write("notes.txt", "x=1");
        write(".hidden.cfg", "x=1");
        start();
        assertThat(target.configs).containsOnlyKeys("a", "f~one", "b");
        assertThat(target.configs.get("a")).containsExactly(Map.entry("x", "1"));
        assertThat(target.configs.get("f~one")).containsExactly(Map.entry("n", 2L));
        assertThat(target.configs.get("b")).containsExactly(Map.entry("y", 3));
        assertThat(log).contains("created a from a.cfg", "created f~one from f~one.json", "created b from b.config");
    }

    @Test
    void changesAreFollowedCreateUpdateDelete() throws Exception {
        start();
        write("a.cfg", "x=1");
        await().atMost(Duration.ofSeconds(10)).until(() -> target.configs.containsKey("a"));

        write("a.cfg", "x=2");
        await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(target.configs.get("a").get("x")));

        Files.delete(dir.resolve("a.cfg"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !target.configs.containsKey("a"));
        // the watcher logs a deletion after applying it: wait for the line rather than race it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log)
                .contains("created a from a.cfg", "updated a from a.cfg", "deleted a (a.cfg was removed)"));
    }

    @Test
    void anUnchangedFileIsNotAppliedAgain() throws Exception {
        write("a.cfg", "x=1");
        start();
        directory.sync();
        directory.sync();
        assertThat(target.applyCount).isEqualTo(1);
    }

    @Test
    void aBrokenFileKeepsTheConfigurationInForceUntilFixed() throws Exception {
        write("a.json", "{\"x\": 1}");
        start();
        write("a.json", "{\"x\": ");
        directory.sync();
        assertThat(target.configs.get("a")).containsExactly(Map.entry("x", 1L));
        assertThat(log).anyMatch(line -> line.startsWith("a.json: not JSON") && line.endsWith("the configuration in force stays"));

        int logged = log.size();
        directory.sync();
        assertThat(log).as("a broken file is reported once, not on every scan").hasSize(logged);

        write("a.json", "{\"x\": 2}");
        directory.sync();
        assertThat(target.configs.get("a")).containsExactly(Map.entry("x", 2L));
    }

    @Test
    void aBrokenNewFileAppliesNothing() throws Exception {
        write("a.json", "[]");
        start();
        assertThat(target.configs).isEmpty();
        assertThat(log).containsExactly("a.json: must hold one JSON object (property name: value); nothing applied");
    }

    @Test
    void twoFilesForOnePidTheFirstByNameWinsAndTheOtherTakesOverWhenItGoes() throws Exception {
        write("a.cfg", "from=cfg");
        write("a.json", "{\"from\": \"json\"}");
        start();
        assertThat(target.configs.get("a")).containsExactly(Map.entry("from", "cfg"));
        assertThat(log).contains("a.json: ignored while a.cfg configures the same PID a");

        Files.delete(dir.resolve("a.cfg"));
        directory.sync();
        assertThat(target.configs.get("a")).containsExactly(Map.entry("from", "json"));
        assertThat(target.deleteCount).as("handed over, never deleted").isZero();
    }

    @Test
    void aRefusedConfigurationIsReported() throws Exception {
        target.refuse = true;
        write("a.cfg", "x=1");
        start();
        assertThat(log).containsExactly("a.cfg: ConfigurationAdmin refused it: java.lang.IllegalStateException: refused");
    }

    private void start() throws IOException {
        directory = new ConfigDirectory(dir, target, log::add);
        directory.start();
    }

    private void write(String name, String content) throws IOException {
        // write then move, as editors do, so the watcher never reads half a file
        Path temp = Files.createTempFile(dir.getParent(), "cfg", ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** ConfigurationAdmin reduced to a map of PID to properties. */
    private static final class MapTarget implements ConfigurationTarget {
        final Map<String, Map<String, Object>> configs = new ConcurrentHashMap<>();
        volatile int applyCount;
        volatile int deleteCount;
        volatile boolean refuse;

        @Override
        public boolean apply(ConfigId id, Map<String, Object> properties) {
            if (refuse) {
                throw new IllegalStateException("refused");
            }
            applyCount++;
            return !properties.equals(configs.put(id.pid(), Map.copyOf(properties)));
        }

        @Override
        public boolean delete(ConfigId id) {
            deleteCount++;
            return configs.remove(id.pid()) != null;
        }

        @Override
        public boolean configured(ConfigId id) {
            return configs.containsKey(id.pid());
        }
    }
}
