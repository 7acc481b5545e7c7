package dev.cellbridge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fazecast.jSerialComm.SerialPort;
import dev.cellbridge.serial.SerialLinkException.Reason;
import dev.cellbridge.serial.testing.OpenProbe;
import dev.cellbridge.serial.testing.SocatPair;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening fails with a message naming the port and the cause. */
class OpenErrorsTest {

    @TempDir
    Path dir;

    @Test
    void missingDevicePath() {
        String device = dir.resolve("ttyUSB9").toString();
        SerialLinkException e = openFailure(device);
        assertThat(e).hasMessage(device + ": no such device");
        assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_DEVICE);
        assertThat(e.port()).isEqualTo(device);
        assertThat(openFailure("serial:" + device + "?baud=9600")).hasMessage(device + ": no such device");
    }

    @Test
    void linkToAMissingDevice() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("modem"), dir.resolve("gone"));
        SerialLinkException e = openFailure(link.toString());
        assertThat(e).hasMessage(link + ": no such device (the link points to " + dir.resolve("gone") + ", which does not exist)");
        assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_DEVICE);
    }

    @Test
    void regularFileAndDirectoryAreNoSerialDevices() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a tty");
        assertThat(openFailure(file.toString())).hasMessage(file + ": not a serial device (it is a regular file)")
                .extracting(SerialLinkException::reason).isEqualTo(Reason.NOT_A_DEVICE);
        assertThat(openFailure(dir.toString())).hasMessage(dir + ": not a serial device (it is a directory)")
                .extracting(SerialLinkException::reason).isEqualTo(Reason.NOT_A_DEVICE);
    }

    @Test
    void characterDeviceThatIsNoTerminal() {
        assumeTrue(Files.exists(Path.of("/dev/null")), "needs /dev/null");
        SerialLinkException e = openFailure("/dev/null");
        assertThat(e).hasMessageStartingWith("/dev/null: not a serial device: it refuses terminal settings (errno 25");
        assertThat(e.reason()).isEqualTo(Reason.NOT_A_DEVICE);
    }

    @Test
    void portAlreadyOpenInThisProcess() throws Exception {
        try (SocatPair socat = SocatPair.start(dir); SerialLink first = SerialLinks.open(socat.a())) {
            SerialLinkException e = openFailure(socat.a());
            assertThat(e).hasMessage(socat.a() + ": port busy: already open in this process");
            assertThat(e.reason()).isEqualTo(Reason.BUSY);
            assertThat(first.isOpen()).isTrue();
        }
    }

    @Test
    void portLockedByAnotherProgram() throws Exception {
        try (SocatPair socat = SocatPair.start(dir)) {
            // flock(1) holds the same exclusive lock jSerialComm takes when it opens a port
            Process holder = new ProcessBuilder("flock", "-x", socat.a(), "-c", "echo locked; sleep 60")
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("locked");
                SerialLinkException e = openFailure(socat.a());
                assertThat(e).hasMessage(socat.a()
                        + ": port busy: another program has it open exclusively (errno 11: EAGAIN, resource temporarily unavailable)");
                assertThat(e.reason()).isEqualTo(Reason.BUSY);
            } finally {
                // the shell and sleep inherit the locked file: end them all
                List<ProcessHandle> tree = new ArrayList<>(holder.descendants().toList());
                tree.add(holder.toHandle());
                tree.forEach(ProcessHandle::destroy);
                for (ProcessHandle p : tree) {
                    p.onExit().get(5, TimeUnit.SECONDS);
                }
            }
            // released: opens now
            try (SerialLink link = SerialLinks.open(socat.a())) {
                assertThat(link.isOpen()).isTrue();
            }
        }
    }

    @Test
    void permissionDenied() throws Exception {
        try (SocatPair socat = SocatPair.start(dir)) {
            Path device = Path.of(socat.a()).toRealPath();
            String line;
            if (!isRoot()) {
                Files.setPosixFilePermissions(device, PosixFilePermissions.fromString("---------"));
                SerialLinkException e = openFailure(socat.a());
                line = "FAILED " + e.reason() + " " + e.getMessage();
            } else {
                // root may open anything: open from a JVM running as 'nobody' instead
                assumeTrue(onPath("setpriv"), "running as root without setpriv(1): cannot test permission denied as another user");
                line = openAsNobody(socat.a());
            }
            assertThat(line).startsWith("FAILED PERMISSION_DENIED " + socat.a() + ": permission denied (owner ")
                    .endsWith("; the user needs read and write access, e.g. membership of the group owning the device");
        }
    }

    /** Runs {@link OpenProbe} as user nobody with a copy of the class path it can read. */
    private String openAsNobody(String device) throws Exception {
        Path classPath = Files.createDirectory(dir.resolve("cp"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(SerialLinks.class, OpenProbe.class, SerialPort.class, org.slf4j.Logger.class)) {
            Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classPath.resolve("e" + entries.size());
            copyTree(source, target);
            entries.add(target.toString());
        }
        try (Stream<Path> all = Files.walk(classPath)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-cp", String.join(":", entries), OpenProbe.class.getName(), device)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (Files.isRegularFile(source)) {
            Files.copy(source, target.resolveSibling(target.getFileName() + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(target.resolveSibling(target.getFileName() + ".jar"), target);
            return;
        }
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        id.waitFor(5, TimeUnit.SECONDS);
        return uid.equals("0");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static SerialLinkException openFailure(String uri) {
        return catchThrowableOfType(SerialLinkException.class, () -> SerialLinks.open(uri).close());
    }
}
