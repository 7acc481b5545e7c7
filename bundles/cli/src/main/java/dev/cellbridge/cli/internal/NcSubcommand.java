package dev.cellbridge.cli.internal;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cli.Cellbridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cellbridge nc [--context N] [--apn APN] [--udp] [--listen PORT] [--mode buffer|push|transparent]
 * [--quit-after SECONDS] [HOST PORT]}: standard input to a module socket, the socket to standard output.
 */
@Command(name = "nc", mixinStandardHelpOptions = true,
        description = {"Like netcat, through the module: stdin goes to the socket, the socket to stdout.",
            "Ends when both directions end: stdin at end of file and the peer closed (or --quit-after).",
            "The module cannot half-close a TCP connection: after stdin ends, cellbridge waits for the peer."})
final class NcSubcommand implements Callable<Integer> {

    /** Chunk size for UDP datagrams and reads: the module's maximum payload per QISEND. */
    private static final int CHUNK = 1460;

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--context", paramLabel = "N", defaultValue = "1", description = "PDP context, 1–5 (default 1).")
    int context;

    @Option(names = "--apn", paramLabel = "APN", description = "Configure this APN before activating the context.")
    String apn;

    @Option(names = "--udp", description = "UDP instead of TCP.")
    boolean udp;

    @Option(names = "--listen", paramLabel = "PORT",
            description = "Listen on the module's local port (TCP LISTENER, or UDP SERVICE with --udp).")
    Integer listenPort;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "push",
            description = "Access mode: buffer, push or transparent (default push).")
    String mode;

    @Option(names = {"-q", "--quit-after"}, paramLabel = "SECONDS",
            description = "After stdin ends, close this long after (default: wait for the peer to close).")
    Double quitAfter;

    @Parameters(arity = "0..2", paramLabel = "HOST PORT", description = "The peer (not with --listen).")
    java.util.List<String> peer = java.util.List.of();

    @Override
    public Integer call() throws Exception {
        AccessMode accessMode = accessMode();
        SocketSpec socketSpec = socketSpec(accessMode);
        try (ModemSession session = new ModemSession(root.port)) {
            session.ensureActive(context, apn, root.err);
            ModemSocket socket;
            try {
                socket = session.modem.open(socketSpec);
            } catch (CellularException e) {
                throw ModemSession.failure("opening " + describe(socketSpec), e);
            }
            try {
                if (listenPort != null && !udp) {
                    root.err.println("cellbridge: listening on the module's port " + listenPort);
                    ModemSocket listener = socket;
                    socket = listener.accept(Duration.ofDays(3650)).orElseThrow();
                    root.err.println("cellbridge: connection from " + socket.spec().remoteHost() + ":"
                            + socket.spec().remotePort());
                    listener.close();
                }
                return udp ? relayDatagrams(socket) : relayStream(socket);
            } finally {
                if (!socket.isClosed()) {
                    socket.close();
                }
            }
        }
    }

    private AccessMode accessMode() {
        return switch (mode) {
            case "buffer" -> AccessMode.BUFFER;
            case "push" -> AccessMode.DIRECT_PUSH;
            case "transparent" -> AccessMode.TRANSPARENT;
            default -> throw new ParameterException(spec.commandLine(), "--mode must be buffer, push or transparent: "
                    + mode);
        };
    }

    private SocketSpec socketSpec(AccessMode accessMode) {
        if (context < 1 || context > 5) {
            throw new ParameterException(spec.commandLine(), "--context " + context + " is out of range 1–5");
        }
        if (quitAfter != null && !(quitAfter >= 0)) {
            throw new ParameterException(spec.commandLine(), "--quit-after must not be negative: " + quitAfter);
        }
        try {
            if (listenPort != null) {
                if (!peer.isEmpty() && !udp) {
                    throw new ParameterException(spec.commandLine(), "--listen takes no HOST PORT");
                }
                return (udp ? SocketSpec.udpService(context, listenPort) : SocketSpec.tcpListener(context, listenPort))
                        .withAccessMode(accessMode);
            }
            if (peer.size() != 2) {
                throw new ParameterException(spec.commandLine(), "HOST and PORT are required (or --listen PORT)");
            }
            int port = Integer.parseInt(peer.get(1));
            return (udp ? SocketSpec.udp(context, peer.get(0), port) : SocketSpec.tcp(context, peer.get(0), port))
                    .withAccessMode(accessMode);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "PORT must be a number: " + peer.get(1));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String describe(SocketSpec s) {
        return s.serviceType().text() + " " + s.remoteHost() + ":" + (s.remotePort() != 0 ? s.remotePort() : s.localPort());
    }

    /**
     * TCP: each direction on its own thread. Ends when the peer closes (nothing more can be sent
     * then), or once stdin has ended and the peer closed or --quit-after passed.
     */
    private int relayStream(ModemSocket socket) throws Exception {
        CompletableFuture<Void> toStdout = copy("cellbridge-nc-rx", socket.input(), root.out);
        CompletableFuture<Void> toSocket = CompletableFuture.runAsync(() -> {
            try {
                root.in.transferTo(socket.output());
                socket.output().flush();
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> daemon("cellbridge-nc-tx", r));
        CompletableFuture.anyOf(toStdout, toSocket).exceptionally(e -> null).join();
        if (!toStdout.isDone()) {
            try {
                toSocket.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new CliFailure(Cellbridge.LINK_FAILURE, "sending: " + e.getCause().getMessage(), e.getCause());
            }
            try {
                if (quitAfter != null) {
                    toStdout.get((long) (quitAfter * 1000), TimeUnit.MILLISECONDS);
                } else {
                    toStdout.join();
                }
            } catch (java.util.concurrent.TimeoutException e) {
                return Cellbridge.OK; // the caller closes the socket
            }
        }
        try {
            toStdout.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new CliFailure(Cellbridge.LINK_FAILURE, "receiving: " + e.getCause().getMessage(), e.getCause());
        }
        return Cellbridge.OK;
    }

    private CompletableFuture<Void> copy(String name, InputStream from, OutputStream to) {
        return CompletableFuture.runAsync(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> daemon(name, r));
    }

    /** UDP: each stdin read (at most 1460 bytes) is one datagram; each datagram received goes to stdout. */
    private int relayDatagrams(ModemSocket socket) throws Exception {
        AtomicReference<Datagram> lastSender = new AtomicReference<>();
        CompletableFuture<Void> toStdout = CompletableFuture.runAsync(() -> {
            try {
                while (!socket.isClosed()) {
                    Optional<Datagram> d = socket.receive(Duration.ofMillis(200));
                    if (d.isPresent()) {
                        lastSender.set(d.get());
                        root.out.write(d.get().data());
                        root.out.flush();
                    }
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }
        }, r -> daemon("cellbridge-nc-rx", r));
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = root.in.read(buf)) >= 0) {
            byte[] data = Arrays.copyOf(buf, n);
            if (listenPort != null) {
                Datagram from = lastSender.get();
                if (from == null) {
                    root.err.println("cellbridge: no peer yet; " + n + " bytes from stdin dropped");
                    continue;
                }
                socket.send(new Datagram(data, from.remoteIp(), from.remotePort()));
            } else {
                socket.send(new Datagram(data, socket.spec().remoteHost(), socket.spec().remotePort()));
            }
        }
        try {
            toStdout.get(quitAfter == null ? Long.MAX_VALUE : (long) (quitAfter * 1000), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return Cellbridge.OK;
        }
        return Cellbridge.OK;
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
