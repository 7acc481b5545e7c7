package dev.cellbridge.simulator.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The line-based fault-injection port: one command a line, answered {@code OK} or {@code ERR <reason>}. Commands:
 * {@code pdpdeact <ctx>}, {@code remote-close <id>}, {@code send-buffer-full <id> on|off}, {@code drop-next-response},
 * {@code delay <ms>}, {@code hang}, {@code reboot}, {@code fragment on|off}, {@code garbage <hex>}, {@code unplug},
 * {@code dtr on|off}.
 */
final class ControlPort {
    private static final int MAX_LINE = 8192;
    private final ServerSocket server;
    private final Engine simulator;
    private final Thread acceptor;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private int clientCount;

    /** Binds 127.0.0.1:port (0 = free port). */
    ControlPort(int port, Engine simulator) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.simulator = simulator;
        this.acceptor = new Thread(this::acceptLoop, "cellbridge-sim-control-accept");
        acceptor.setDaemon(true);
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
                Thread t = new Thread(() -> serve(s), "cellbridge-sim-control-" + (++clientCount));
                t.setDaemon(true);
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                String answer;
                if (line.length() > MAX_LINE) {
                    answer = "ERR line longer than " + MAX_LINE + " characters";
                } else if (line.isBlank()) {
                    continue;
                } else {
                    answer = execute(simulator, line.strip());
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
        String[] w = line.split("\\s+");
        try {
            switch (w[0].toLowerCase(Locale.ROOT)) {
                case "pdpdeact" -> simulator.pdpDeact(intArg(w, 1));
                case "remote-close" -> simulator.remoteClose(intArg(w, 1));
                case "send-buffer-full" -> simulator.sendBufferFull(intArg(w, 1), onOff(w, 2));
                case "drop-next-response" -> simulator.dropNextResponse();
                case "delay" -> simulator.delay(intArg(w, 1));
                case "hang" -> simulator.hang();
                case "reboot" -> simulator.reboot();
                case "fragment" -> simulator.fragment(onOff(w, 1));
                case "garbage" -> simulator.garbage(HexFormat.of().parseHex(arg(w, 1)));
                case "unplug" -> simulator.unplug();
                case "dtr" -> simulator.setDtr(onOff(w, 1));
                default -> throw new IllegalArgumentException("unknown command '" + w[0] + "'; known: pdpdeact,"
                        + " remote-close, send-buffer-full, drop-next-response, delay, hang, reboot, fragment,"
                        + " garbage, unplug, dtr");
            }
            return "OK";
        } catch (RuntimeException e) {
            return "ERR " + e.getMessage();
        }
    }

    private static String arg(String[] w, int i) {
        if (w.length <= i) {
            throw new IllegalArgumentException(w[0] + ": missing argument " + i);
        }
        return w[i];
    }

    private static int intArg(String[] w, int i) {
        String a = arg(w, i);
        try {
            return Integer.parseInt(a);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(w[0] + ": not a number: " + a);
        }
    }

    private static boolean onOff(String[] w, int i) {
        String a = arg(w, i).toLowerCase(Locale.ROOT);
        if (a.equals("on")) {
            return true;
        }
        if (a.equals("off")) {
            return false;
        }
        throw new IllegalArgumentException(w[0] + ": expected on or off, got " + a);
    }

    /** Closes the port and its client connections and waits for their threads. */
    void stop() throws InterruptedException {
        stopped = true;
        HostPort.closeQuietly(server);
        clients.forEach(HostPort::closeQuietly);
        acceptor.join(2000);
        for (Thread t : threads) {
            t.join(2000);
        }
    }
}
