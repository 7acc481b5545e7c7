package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinkException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;

/**
 * A device path checked before jSerialComm sees it (its own errors are vague), remembering which
 * device node it resolved to so that a vanished or replaced device can be told apart later.
 *
 * @param path the path as configured (may be a symlink such as {@code /dev/serial/by-id/...})
 * @param realPath the device node it resolved to when opened
 */
record DevicePath(Path path, Path realPath) {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /**
     * Checks that {@code device} exists, is no regular file or directory, and is readable and
     * writable. Empty for port names that are not file system paths (Windows {@code COM3}).
     */
    static Optional<DevicePath> check(String device) throws SerialLinkException {
        if (WINDOWS && device.indexOf('/') < 0 && device.indexOf('\\') < 0) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(device);
        } catch (InvalidPathException e) {
            throw new SerialLinkException(device, Reason.NO_SUCH_DEVICE, "no such device (invalid path: " + e.getReason() + ")");
        }
        if (!Files.exists(path)) {
            if (Files.isSymbolicLink(path)) {
                throw new SerialLinkException(device, Reason.NO_SUCH_DEVICE,
                        "no such device (the link points to " + linkTarget(path) + ", which does not exist)");
            }
            throw new SerialLinkException(device, Reason.NO_SUCH_DEVICE, "no such device");
        }
        BasicFileAttributes attributes;
        Path realPath;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
            realPath = path.toRealPath();
        } catch (IOException e) {
            throw new SerialLinkException(device, Reason.NO_SUCH_DEVICE, "no such device (" + e + ")", e);
        }
        if (attributes.isDirectory()) {
            throw new SerialLinkException(device, Reason.NOT_A_DEVICE, "not a serial device (it is a directory)");
        }
        if (attributes.isRegularFile()) {
            throw new SerialLinkException(device, Reason.NOT_A_DEVICE, "not a serial device (it is a regular file)");
        }
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            throw new SerialLinkException(device, Reason.PERMISSION_DENIED, "permission denied" + describeAccess(path)
                    + "; the user needs read and write access, e.g. membership of the group owning the device");
        }
        return Optional.of(new DevicePath(path, realPath));
    }

    /** Whether the path still names the device node that was opened. */
    boolean stillPresent() {
        try {
            return Files.exists(path) && path.toRealPath().equals(realPath);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the path exists at all (it may have been replaced by another device). */
    boolean exists() {
        return Files.exists(path);
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "an unreadable target";
        }
    }

    /** e.g. {@code  (owner root, group dialout, mode rw-rw----)}, or nothing where POSIX attributes are unknown. */
    static String describeAccess(Path path) {
        try {
            PosixFileAttributes posix = Files.readAttributes(path, PosixFileAttributes.class);
            return " (owner " + posix.owner().getName() + ", group " + posix.group().getName()
                    + ", mode " + PosixFilePermissions.toString(posix.permissions()) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
