package dev.cellbridge.itests.distrib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Karaf feature repository installed into a real Apache Karaf ({@code apache-karaf} of Maven Central, unpacked
 * by the build) the way docs/install.md tells users to: {@code feature:repo-add} and {@code feature:install
 * cellbridge} over Karaf's own SSH client. Karaf runs as a process on a copy of the distribution, bound to loopback,
 * resolving Maven URLs only from its own system/ directory and target/karaf-repo (no remote repository): a bundle the
 * feature forgot fails the test.
 */
class DistribKarafFeatureIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    static final List<String> FEATURE_BUNDLES = List.of("dev.cellbridge.serial", "dev.cellbridge.at",
        "dev.cellbridge.cellular", "dev.cellbridge.simulator", "dev.cellbridge.cli", "com.fazecast.jSerialComm",
        "picocli", "com.google.gson", "org.apache.felix.scr", "dev.cellbridge.relay", "org.eclipse.paho.client.mqttv3",
        "org.apache.karaf.services.eventadmin");

    @TempDir
    Path temp;

    @Test
    void theFeatureInstallsItsBundlesStartAndItsComponentsRunOnKarafsConfiguration() throws Exception {
        Path home = temp.resolve("karaf");
        copyTree(DistribFiles.karafHome(), home);
        int sshPort = freePort();
        configure(home, sshPort, freePort(), freePort());

        try (RunningProcess karaf = RunningProcess.start("karaf",
            karafCommand(home, "bin/karaf", "daemon").redirectOutput(temp.resolve("karaf.out").toFile())
                .redirectErrorStream(true))) {
            String version = DistribFiles.projectVersion();
            // the first client call waits (retries) for Karaf's SSH server to come up
            String installed = client(home, sshPort, karaf, 60,
                "feature:repo-add mvn:dev.cellbridge/cellbridge-features/" + version + "/xml/features; "
                    + "feature:install cellbridge; feature:list -i");
            assertThat(installed).as("feature:list -i").containsPattern("(?m)^cellbridge\\b.*Started");

            String bundles = client(home, sshPort, karaf, 1, "bundle:list -s -t 0 --no-format");
            for (String name : FEATURE_BUNDLES) {
                assertThat(bundles).as("bundle:list -s").containsPattern("(?m)^.*\\bActive\\b.*\\b" + name.replace(".", "\\.") + "\\b.*$");
            }

            // a factory configuration made with Karaf's config commands reaches the serial link component
            try (ServerSocket module = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                module.setSoTimeout((int) TIMEOUT.toMillis());
                client(home, sshPort, karaf, 1, "config:edit --factory --alias itest dev.cellbridge.serial.link; "
                    + "config:property-set uri tcp://127.0.0.1:" + module.getLocalPort() + "; config:update");
                try (Socket link = module.accept()) {
                    assertThat(link.isConnected()).isTrue();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the serial link component did not connect\n" + karafLog(home), e);
                }
            }
        }
    }

    /** Loopback only, free ports, an admin user for the SSH client, and no remote Maven repository. */
    private void configure(Path home, int sshPort, int rmiRegistryPort, int rmiServerPort) throws IOException {
        Path etc = home.resolve("etc");
        append(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost = 127.0.0.1", "sshPort = " + sshPort);
        append(etc.resolve("org.apache.karaf.management.cfg"),
            "rmiRegistryHost = 127.0.0.1", "rmiRegistryPort = " + rmiRegistryPort,
            "rmiServerHost = 127.0.0.1", "rmiServerPort = " + rmiServerPort);
        append(etc.resolve("users.properties"), "karaf = karaf,_g_:admingroup",
            "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
        Path localRepository = Files.createDirectories(temp.resolve("m2"));
        append(etc.resolve("org.ops4j.pax.url.mvn.cfg"),
            "org.ops4j.pax.url.mvn.localRepository = " + localRepository,
            "org.ops4j.pax.url.mvn.repositories = ",
            "org.ops4j.pax.url.mvn.defaultRepositories = "
                + "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, "
                + DistribFiles.karafRepository().toUri() + "@id=cellbridge@snapshots");
    }

    /** Later keys of a Karaf .cfg win over earlier ones: appending overrides the distribution's values. */
    private static void append(Path cfg, String... lines) throws IOException {
        Files.writeString(cfg, "\n" + String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
    }

    /** Runs commands through bin/client (one SSH session); returns its output, failing on a non-zero status. */
    private String client(Path home, int sshPort, RunningProcess karaf, int attempts, String commands) throws Exception {
        assertThat(karaf.process().isAlive()).as("Karaf runs\n" + karafLog(home)).isTrue();
        try (RunningProcess client = RunningProcess.start("karaf-client", karafCommand(home, "bin/client",
            "-h", "127.0.0.1", "-a", String.valueOf(sshPort), "-u", "karaf", "-p", "karaf",
            "-r", String.valueOf(attempts), "-d", "1", commands))) {
            int status = client.awaitExit(TIMEOUT);
            String output = String.join("\n", client.stdout());
            assertThat(status).as("client status for: " + commands + "\n" + client.transcript() + "\n" + karafLog(home))
                .isZero();
            assertThat(output).as("client output for: " + commands).doesNotContain("Error executing command");
            return output;
        }
    }

    private ProcessBuilder karafCommand(Path home, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // the client's known_hosts and anything else written to the home directory stay in the test's directory
        env.put("KARAF_OPTS", "-Duser.home=" + temp.resolve("home"));
        env.remove("KARAF_HOME");
        env.remove("KARAF_BASE");
        return builder;
    }

    private static String karafLog(Path home) {
        Path log = home.resolve("data/log/karaf.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no karaf.log)");
            return "karaf.log (last lines):\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "karaf.log unreadable: " + e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
