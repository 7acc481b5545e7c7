package dev.cellbridge.simulator.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The line-based fault-injection port: one command a line (at most 8192 bytes, blank lines ignored), answered
 * {@code OK} or {@code ERR <reason>}; a wrong word count answers {@code ERR usage: <usage>}. Commands:
 * {@code pdpdeact <ctx>}, {@code remote-close <id>}, {@code send-buffer-full <id> on|off}, {@code drop-next-response},
 * {@code delay <ms>}, {@code hang}, {@code reboot}, {@code fragment on|off}, {@code garbage <hex>}, {@code unplug},
 * {@code dtr on|off}.
 */
final class ControlPort {
    private static final int MAX_LINE = 8192;
    /** Every command with its arguments; the word count of the usage is the word count a line must have. */
    private static final List<String> USAGES = List.of("pdpdeact <ctx>", "remote-close <id>",
            "send-buffer-full <id> on|off", "drop-next-response", "delay <ms>", "hang", "reboot", "fragment on|off",
            "garbage <hex>", "unplug", "dtr on|off");
    private final ServerSocket server;
    private final Engine simulator;
    private final Thread acceptor;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private int clientCount;

    /** Binds 127.0.0.1:port (0 = free port). */
    ControlPort(int port, Engine simulator) throws IOException {
        this.server = Io.bindLoopback(port, 50);
        this.simulator = simulator;
        this.acceptor = Io.daemon("control-accept", this::acceptLoop);
    }

    /** Starts accepting. */
    void start() {
        acceptor.start();
    }

    /** @return the bound port */
    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!stopped) {
            try {
                Socket s = server.accept();
                clients.add(s);
                Thread t = Io.daemon("control-" + (++clientCount), () -> serve(s));
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean overlong = false;
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    if (line.size() < MAX_LINE) {
                        line.write(b);
                    } else {
                        overlong = true;
                    }
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8).strip();
                line.reset();
                String answer;
                if (overlong) {
                    overlong = false;
                    answer = "ERR line longer than " + MAX_LINE + " bytes";
                } else if (text.isEmpty()) {
                    continue;
                } else {
                    answer = execute(simulator, text);
                }
                out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        } finally {
            clients.remove(s);
            threads.remove(Thread.currentThread());
        }
    }

    /** Runs one control command. @return {@code OK} or {@code ERR <reason>} */
    static String execute(Engine simulator, String line) {
        String[] w = line.strip().split("\\s+");
        String name = w[0].toLowerCase(Locale.ROOT);
        String usage = USAGES.stream().filter(u -> u.split(" ")[0].equals(name)).findFirst().orElse(null);
        try {
            if (usage == null) {
                throw new IllegalArgumentException("unknown command '" + w[0] + "'; known: "
                        + String.join(", ", USAGES.stream().map(u -> u.split(" ")[0]).toList()));
            }
            if (w.length != usage.split(" ").length) {
                throw new IllegalArgumentException("usage: " + usage);
            }
            switch (name) {
                case "pdpdeact" -> simulator.pdpDeact(intArg(w, 1));
                case "remote-close" -> simulator.remoteClose(intArg(w, 1));
                case "send-buffer-full" -> simulator.sendBufferFull(intArg(w, 1), onOff(w, 2));
                case "drop-next-response" -> simulator.dropNextResponse();
                case "delay" -> simulator.delay(intArg(w, 1));
                case "hang" -> simulator.hang();
                case "reboot" -> simulator.reboot();
                case "fragment" -> simulator.fragment(onOff(w, 1));
                case "garbage" -> simulator.garbage(hexArg(w, 1));
                case "unplug" -> simulator.unplug();
                case "dtr" -> simulator.setDtr(onOff(w, 1));
                default -> throw new IllegalStateException("no action for " + name);
            }
            return "OK";
        } catch (RuntimeException e) {
            return "ERR " + e.getMessage();
        }
    }

    private static int intArg(String[] w, int i) {
        try {
            return Integer.parseInt(w[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(w[0] + ": not a number: " + w[i]);
        }
    }

    private static byte[] hexArg(String[] w, int i) {
        if (w[i].length() % 2 != 0) {
            throw new IllegalArgumentException(w[0] + ": odd number of hex digits: " + w[i]);
        }
        try {
            return HexFormat.of().parseHex(w[i]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(w[0] + ": not hex: " + w[i]);
        }
    }

    private static boolean onOff(String[] w, int i) {
        String a = w[i].toLowerCase(Locale.ROOT);
        if (a.equals("on")) {
            return true;
        }
        if (a.equals("off")) {
            return false;
        }
        throw new IllegalArgumentException(w[0] + ": expected on or off, got " + w[i]);
    }

    /** Closes the port and its client connections and waits for their threads. */
    void stop() throws InterruptedException {
        stopped = true;
        Io.closeQuietly(server);
        clients.forEach(Io::closeQuietly);
        acceptor.join(2000);
        for (Thread t : threads) {
            t.join(2000);
        }
    }
}
