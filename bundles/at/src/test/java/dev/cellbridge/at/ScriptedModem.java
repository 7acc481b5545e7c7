package dev.cellbridge.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Drives a channel over a {@link FakeLink}: plays the module's side of each exchange and checks
 * what the channel makes of it. One instance per test; close it at the end.
 */
final class ScriptedModem implements AutoCloseable {

    /** How the module's output of one step is cut into reads. */
    @FunctionalInterface
    interface Feeder extends BiConsumer<FakeLink, byte[]> {
        Feeder WHOLE = FakeLink::feed;
        Feeder BYTEWISE = FakeLink::feedBytewise;

        static Feeder splitAt(int k) {
            return (link, bytes) -> {
                if (k <= 0 || k >= bytes.length) {
                    link.feed(bytes);
                } else {
                    link.feedSplit(bytes, k);
                }
            };
        }
    }

    final FakeLink link = new FakeLink();
    final AtChannel channel;
    final LinkedBlockingQueue<Urc> urcs = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<ChannelEvent> events = new LinkedBlockingQueue<>();
    private final ExecutorService callers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-caller");
        t.setDaemon(true);
        return t;
    });

    ScriptedModem() {
        this(AtChannelOptions.defaults().withName("test"));
    }

    ScriptedModem(AtChannelOptions options) {
        channel = AtChannel.open(link, options);
        channel.subscribe("", urcs::add);
        channel.addListener(events::add);
    }

    /** Starts a command on another thread without waiting for anything. */
    Future<AtResponse> submit(String line) {
        return callers.submit(() -> channel.execute(line));
    }

    /** Starts a command on another thread and waits until the channel has written its line. */
    Future<AtResponse> start(AtCommand command) throws InterruptedException {
        Future<AtResponse> f = callers.submit(() -> channel.execute(command));
        link.awaitWritten(command.line() + "\r");
        return f;
    }

    Future<AtResponse> start(String line) throws InterruptedException {
        return start(AtCommand.of(line));
    }

    /** Starts a command sequence on another thread and waits until the channel has written its first line. */
    Future<List<AtResponse>> startSequence(List<AtCommand> commands, Set<ResultCode> proceedOn)
            throws InterruptedException {
        Future<List<AtResponse>> f = callers.submit(() -> channel.executeSequence(commands, proceedOn));
        link.awaitWritten(commands.get(0).line() + "\r");
        return f;
    }

    /** Runs a command the module answers with {@code output}. */
    AtResponse exchange(AtCommand command, byte[] output, Feeder feeder) throws Exception {
        Future<AtResponse> f = start(command);
        feeder.accept(link, output);
        return f.get(5, TimeUnit.SECONDS);
    }

    AtResponse exchange(String line, String output) throws Exception {
        return exchange(AtCommand.of(line), bytes(output), Feeder.WHOLE);
    }

    /**
     * Runs a command after a timeout: the channel first sends the resync probe {@code AT}, which the module
     * answers OK, then the command, which it answers with {@code output}.
     */
    AtResponse exchangeAfterResync(String line, String output) throws Exception {
        Future<AtResponse> f = submit(line);
        link.awaitWritten("AT\r");
        link.feed("\r\nOK\r\n");
        link.awaitWritten(line + "\r");
        link.feed(output);
        return f.get(5, TimeUnit.SECONDS);
    }

    /** Runs a prompt command: the module sends {@code prompt}, the channel writes {@code wire}, the module sends {@code after}. */
    AtResponse promptExchange(AtCommand command, byte[] prompt, byte[] wire, byte[] after, Feeder feeder)
            throws Exception {
        Future<AtResponse> f = start(command);
        feeder.accept(link, prompt);
        link.awaitWritten(wire);
        feeder.accept(link, after);
        return f.get(5, TimeUnit.SECONDS);
    }

    /** Takes the next URC, failing if none comes within a bound. */
    Urc nextUrc() throws InterruptedException {
        Urc u = urcs.poll(5, TimeUnit.SECONDS);
        assertThat(u).as("a URC within 5 s").isNotNull();
        return u;
    }

    /** Asserts that no further URC arrives within a short while. */
    void assertNoMoreUrcs() throws InterruptedException {
        Urc u = urcs.poll(50, TimeUnit.MILLISECONDS);
        assertThat(u).as("no further URC").isNull();
    }

    <T extends ChannelEvent> T nextEvent(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            ChannelEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " event within 5 s");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static List<ResponseLine> lines(Object... textsAndPayloads) {
        List<ResponseLine> out = new ArrayList<>();
        for (int i = 0; i < textsAndPayloads.length; i++) {
            String text = (String) textsAndPayloads[i];
            byte[] payload = null;
            if (i + 1 < textsAndPayloads.length && textsAndPayloads[i + 1] instanceof byte[] p) {
                payload = p;
                i++;
            }
            out.add(new ResponseLine(text, payload));
        }
        return out;
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Override
    public void close() {
        channel.close();
        callers.shutdownNow();
    }
}
