package dev.cellbridge.serial.internal;

import java.util.Locale;
import java.util.Map;

/** Names for the native error codes jSerialComm reports (Linux numbering; elsewhere just the number). */
final class Errno {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;

    static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM, operation not permitted"),
            Map.entry(ENOENT, "ENOENT, no such file or directory"),
            Map.entry(EIO, "EIO, input/output error"),
            Map.entry(ENXIO, "ENXIO, no such device or address"),
            Map.entry(9, "EBADF, bad file descriptor"),
            Map.entry(EAGAIN, "EAGAIN, resource temporarily unavailable"),
            Map.entry(EACCES, "EACCES, permission denied"),
            Map.entry(EBUSY, "EBUSY, device or resource busy"),
            Map.entry(ENODEV, "ENODEV, no such device"),
            Map.entry(EINVAL, "EINVAL, invalid argument"),
            Map.entry(ENOTTY, "ENOTTY, inappropriate ioctl for device"),
            Map.entry(108, "ESHUTDOWN, cannot send after transport endpoint shutdown"));

    private Errno() {
    }

    /** e.g. {@code errno 5: EIO, input/output error}. */
    static String describe(int errno) {
        if (!LINUX) {
            return "native error code " + errno;
        }
        String name = NAMES.get(errno);
        return name == null ? "errno " + errno : "errno " + errno + ": " + name;
    }
}
