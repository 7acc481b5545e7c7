package dev.cellbridge.at.internal;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtException;
import dev.cellbridge.at.AtLinkClosedException;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.AtSequenceException;
import dev.cellbridge.at.AtStateException;
import dev.cellbridge.at.AtTimeoutException;
import dev.cellbridge.at.ChannelEvent;
import dev.cellbridge.at.ChannelListener;
import dev.cellbridge.at.ChannelStatistics;
import dev.cellbridge.at.DataModeEnd;
import dev.cellbridge.at.DataSession;
import dev.cellbridge.at.FinalResult;
import dev.cellbridge.at.OutgoingPayload;
import dev.cellbridge.at.PayloadFraming;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.at.ResultCode;
import dev.cellbridge.at.Subscription;
import dev.cellbridge.at.Urc;
import dev.cellbridge.at.UrcListener;
import dev.cellbridge.serial.SerialLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel: a reader thread feeding a {@link Framer}, callers taking turns through a fair lock,
 * and a {@link UrcDispatcher} for everything nobody asked for.
 */
public final class DefaultAtChannel implements AtChannel {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultAtChannel.class);
    private static final String RESYNC_PROBE = "AT";
    /** A module that answers at all answers AT at once. */
    private static final Duration RESYNC_PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** How often the guard-time wait before {@code +++} checks whether data mode ended by itself. */
    private static final long ESCAPE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final SerialLink link;
    private final AtChannelOptions options;
    private final String name;
    private final InputStream in;
    private final OutputStream out;
    private final QuectelFraming framing = new QuectelFraming();
    private final Framer framer;
    private final UrcDispatcher dispatcher;
    private final Thread reader;

    /** Callers take turns here: one command in flight, served in arrival order. */
    private final ReentrantLock turn = new ReentrantLock(true);
    /** Guards {@link #pending}, {@link #session}, {@link #closedReason}. */
    private final Object state = new Object();
    private final Object writeLock = new Object();
    private PendingCommand pending;
    private DefaultDataSession session;
    private String closedReason;
    private volatile boolean closing;
    private boolean resyncNeeded;
    /** A {@code +++} reached the module after it had left data mode: the line it started must be ended. */
    private boolean escapeCrossed;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long epoch;

    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong overlong = new AtomicLong();
    private final AtomicLong stray = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private DefaultAtChannel(SerialLink link, AtChannelOptions options) {
        this.link = link;
        this.options = options;
        this.name = options.name();
        this.in = link.input();
        this.out = link.output();
        this.framer = new Framer(new Sink(), options.maxLineLength());
        this.dispatcher = new UrcDispatcher(name, options.urcQueueCapacity());
        this.reader = new Thread(this::readLoop, "cellbridge-at-reader-" + name);
        reader.setDaemon(true);
    }

    /** Creates the channel and starts its threads. */
    public static DefaultAtChannel start(SerialLink link, AtChannelOptions options) {
        DefaultAtChannel channel = new DefaultAtChannel(link, options);
        channel.dispatcher.start();
        channel.reader.start();
        return channel;
    }

    // ---- commands ----

    @Override
    public AtResponse execute(AtCommand command) throws AtException, InterruptedIOException {
        List<AtResponse> responses = new ArrayList<>(1);
        takeTurn(command);
        try {
            runSequence(List.of(command), 0, Set.of(), responses);
        } finally {
            turn.unlock();
        }
        return responses.get(0);
    }

    @Override
    public List<AtResponse> executeSequence(List<AtCommand> commands, Set<ResultCode> proceedOn)
            throws AtException, InterruptedIOException {
        List<AtCommand> sequence = List.copyOf(commands);
        Set<ResultCode> proceed = Set.copyOf(proceedOn);
        Sequences.requireSequenceable(sequence);
        List<AtResponse> responses = new ArrayList<>(sequence.size());
        // a turn ends early when another caller waits for the channel: it goes next, then the sequence goes on
        try {
            while (responses.size() < sequence.size()
                    && (responses.isEmpty() || Sequences.proceeds(responses.get(responses.size() - 1), proceed))) {
                takeTurn(sequence.get(responses.size()));
                try {
                    runSequence(sequence, responses.size(), proceed, responses);
                } finally {
                    turn.unlock();
                }
            }
        } catch (AtException e) {
            if (responses.isEmpty()) {
                throw e;
            }
            throw new AtSequenceException(responses, e);
        }
        return responses;
    }

    @Override
    public boolean awaitUrcsDelivered(Duration timeout) throws InterruptedIOException {
        try {
            return dispatcher.awaitDelivered(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for URCs to be delivered");
        }
    }

    /** Waits for the channel (callers are served in arrival order) and makes it ready for a command. */
    private void takeTurn(AtCommand command) throws AtException, InterruptedIOException {
        failIfUnusable();
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send " + command.display());
        }
        try {
            failIfUnusable();
            if (resyncNeeded) {
                resynchronize(command.display());
                failIfUnusable(); // the late answer may have been a CONNECT
            }
        } catch (AtException | InterruptedIOException | RuntimeException e) {
            turn.unlock();
            throw e;
        }
    }

    /**
     * Runs {@code sequence} from {@code from}, adding each response: the first command is written here, each next
     * one by the reader as the one before ends (see {@link Sink#line}). Returns when the sequence ends or the reader
     * stopped it to let a waiting caller have its turn. This thread sleeps until then (each command's timeout still
     * counts from its own start): waking it for every command would only take processor time from the reader.
     */
    private void runSequence(List<AtCommand> sequence, int from, Set<ResultCode> proceedOn, List<AtResponse> responses)
            throws AtException, InterruptedIOException {
        PendingCommand first;
        synchronized (state) {
            if (closedReason != null) {
                throw new AtLinkClosedException(name + ": link " + link.uri() + " is closed (" + closedReason + ")",
                        null);
            }
            first = PendingCommand.first(sequence, from, proceedOn, ++epoch, timeoutFor(sequence.get(from)));
            pending = first;
        }
        try {
            writeRaw(commandBytes(first.command));
            first.written = true;
            if (first.command.payload() != null
                    && first.command.payload().termination() == OutgoingPayload.Termination.CANCEL) {
                awaitCancelled(first);
            }
            awaitTurnEnd(first);
        } catch (AtException | InterruptedIOException e) {
            addCompleted(first, responses); // the caller may need to know what was done before the failure
            throw e;
        } finally {
            synchronized (state) {
                if (pending != null && pending.sameTurnAs(first)) {
                    pending = null;
                }
            }
        }
        // the turn has ended: its chain of commands is complete and visible here
        for (PendingCommand c = first; c != null; c = c.next) {
            responses.add(responseOf(c));
            commands.incrementAndGet();
        }
    }

    /** Adds the responses of the turn's commands that completed, in order, up to the first that did not. */
    private void addCompleted(PendingCommand first, List<AtResponse> responses) {
        synchronized (state) {
            for (PendingCommand c = first; c != null && c.done.isDone() && !c.done.isCompletedExceptionally();
                    c = c.next) {
                responses.add(c.done.getNow(null));
                commands.incrementAndGet();
            }
        }
    }

    private static byte[] commandBytes(AtCommand command) {
        return (command.line() + "\r").getBytes(StandardCharsets.ISO_8859_1);
    }

    private Duration timeoutFor(AtCommand command) {
        return command.timeout() != null ? command.timeout() : options.timeouts().timeoutFor(command.line());
    }

    /**
     * A payload cancelled at the prompt: the reader writes the Esc as the prompt arrives (see prompt()); the module
     * may answer nothing, which ends the command as CANCELLED after a short wait.
     */
    private void awaitCancelled(PendingCommand p) throws AtException, InterruptedIOException {
        try {
            if (!p.prompt.get(Math.max(0, p.deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return; // answered without a prompt
            }
        } catch (TimeoutException e) {
            throw timedOut(p);
        } catch (InterruptedException e) {
            throw interrupted(p);
        } catch (ExecutionException e) {
            return; // the failure is the command's response
        }
        long cancelDeadline = Math.min(p.deadline, System.nanoTime() + options.cancelWait().toNanos());
        if (!awaitQuietly(p.done, cancelDeadline)) {
            synchronized (state) {
                p.finish(new FinalResult(ResultCode.CANCELLED, -1, "CANCELLED"), null);
            }
        }
    }

    /** Waits until the turn {@code first} began has ended, timing out whichever of its commands is in flight. */
    private void awaitTurnEnd(PendingCommand first) throws AtException, InterruptedIOException {
        PendingCommand late;
        try {
            late = first.turn.awaitEnd();
        } catch (InterruptedException e) {
            throw interrupted(first.turn.inFlight());
        }
        if (late != null) {
            throw timedOut(late);
        }
    }

    /** The response of a command of an ended turn, or its failure. */
    private static AtResponse responseOf(PendingCommand c) throws AtException {
        try {
            return c.done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AtException at) {
                throw at;
            }
            throw new AtException(c.command.display() + " failed: " + cause, cause);
        }
    }

    /** Gives up on a command that had no answer in time (and on the rest of its turn). */
    private AtTimeoutException timedOut(PendingCommand p) {
        timeouts.incrementAndGet();
        String shown = p.command.display();
        dispatcher.event(new ChannelEvent.CommandTimedOut(shown));
        String waitingFor = promptMissing(p) ? "> prompt" : "final result";
        LOG.warn("{}: {} timed out after {} ms waiting for {}", name, shown, p.timeout.toMillis(), waitingFor);
        AtTimeoutException timedOut = new AtTimeoutException(shown, p.timeout, waitingFor);
        abandon(p, timedOut);
        return timedOut;
    }

    /** Gives up on a command whose caller was interrupted, as if it had timed out. */
    private InterruptedIOException interrupted(PendingCommand p) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for "
                + (promptMissing(p) ? "> prompt" : "final result") + " of " + p.command.display());
        abandon(p, interrupted);
        return interrupted;
    }

    private boolean promptMissing(PendingCommand p) {
        synchronized (state) {
            return p.command.payload() != null && !p.promptTaken();
        }
    }

    private static boolean awaitQuietly(CompletableFuture<?> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return future.isDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return future.isDone();
        }
    }

    /**
     * Gives up on {@code p}'s turn: the answer of its command on the line, if it comes, is the resync's to discard,
     * and a successor the reader has not written yet is never written (see {@link Sink#writeSuccessor}). If that
     * command waits for a prompt that never came, the module may sit at a prompt we never saw: Esc takes it out, so
     * that nothing we send next (the resync probe) is taken as data for the peer. Under the write lock, so that the
     * Esc follows the line it cancels.
     */
    private void abandon(PendingCommand p, Exception failure) {
        synchronized (writeLock) {
            boolean escape = false;
            synchronized (state) {
                PendingCommand onLine = pending != null && pending.sameTurnAs(p) ? pending : null;
                if (onLine != null) {
                    pending = null;
                    escape = onLine.written && onLine.command.payload() != null && !onLine.promptTaken();
                }
                resyncNeeded = true;
            }
            if (escape) {
                try {
                    writeRaw(new byte[] {OutgoingPayload.ESC});
                } catch (AtException writeFailed) {
                    failure.addSuppressed(writeFailed);
                }
            }
        }
    }

    /**
     * After a timeout the module may still send the old command's answer. Probe with {@code AT},
     * take the first final result as the probe's, then discard whatever else comes during a short
     * quiet time: only then is the next answer surely the next command's.
     */
    private void resynchronize(String before) throws AtException, InterruptedIOException {
        LOG.debug("{}: resynchronizing before {}", name, before);
        boolean crossed;
        synchronized (state) {
            crossed = escapeCrossed;
            escapeCrossed = false;
        }
        if (crossed) {
            writeRaw(new byte[] {'\r'});
        }
        runSequence(List.of(AtCommand.of(RESYNC_PROBE).withTimeout(RESYNC_PROBE_TIMEOUT)), 0, Set.of(),
                new ArrayList<>(1));
        try {
            Thread.sleep(options.resyncQuiet().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while resynchronizing");
        }
        synchronized (state) {
            resyncNeeded = false;
        }
    }

    private void failIfUnusable() throws AtException {
        synchronized (state) {
            if (closedReason != null) {
                throw new AtLinkClosedException(name + ": link " + link.uri() + " is closed (" + closedReason + ")",
                        null);
            }
            if (session != null) {
                throw new AtStateException(name + ": in transparent data mode; leave it (escape) before sending commands");
            }
        }
    }

    // ---- writing ----

    void writeRaw(byte[] bytes) throws AtException {
        synchronized (writeLock) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new AtLinkClosedException(name + ": writing to " + link.uri() + " failed: " + e.getMessage(), e);
            }
            bytesOut.addAndGet(bytes.length);
            lastWriteNanos = System.nanoTime();
        }
    }

    void writeData(DefaultDataSession from, byte[] b, int off, int len) throws IOException {
        synchronized (writeLock) {
            if (from.escaping()) {
                throw new IOException("transparent mode is being left; no data may be sent");
            }
            out.write(b, off, len);
            out.flush();
            bytesOut.addAndGet(len);
            lastWriteNanos = System.nanoTime();
        }
    }

    Duration guardTime() {
        return options.guardTime();
    }

    /**
     * Sends {@code +++} alone after the guard time of silence (§1.2). Holds the write lock all along, so
     * no data can slip in between the silence and the escape. Gives up, sending nothing, once the
     * session has ended by itself (NO CARRIER): a {@code +++} the module takes in command mode would spoil
     * the next command line. {@code justBefore} runs under the state lock, so NO CARRIER is either
     * seen before it (nothing sent) or after it (and then known to have crossed the {@code +++}).
     *
     * @return whether {@code +++} was written
     */
    boolean writeEscape(Duration guard, DefaultDataSession from, Runnable justBefore)
            throws InterruptedException, AtException {
        // The module counts silence from the last byte it received, which can trail our last write by
        // whatever the link buffers (UART FIFOs, USB, TCP): wait a margin beyond the guard time.
        long silence = guard.toNanos() + Math.max(TimeUnit.MILLISECONDS.toNanos(100), guard.toNanos() / 5);
        synchronized (writeLock) {
            while (true) {
                long missing = silence - (System.nanoTime() - lastWriteNanos);
                if (missing <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(missing, ESCAPE_CHECK_NANOS));
                if (!from.isActive()) {
                    return false;
                }
            }
            synchronized (state) {
                if (session != from) {
                    return false;
                }
                justBefore.run();
            }
            writeRaw("+++".getBytes(StandardCharsets.US_ASCII));
            return true;
        }
    }

    void pulseDtrLow() throws AtException {
        try {
            link.setDtr(false);
        } catch (IOException e) {
            throw new AtException(name + ": cannot drop DTR on " + link.uri() + ": " + e.getMessage(), e);
        }
    }

    void raiseDtr() {
        try {
            link.setDtr(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("{}: cannot raise DTR on {}: {}", name, link.uri(), e.getMessage());
        }
    }

    // ---- reading ----

    private void readLoop() {
        byte[] buffer = new byte[16 * 1024];
        String reason;
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    reason = closing ? "channel closed" : "end of stream from " + link.uri();
                    break;
                }
                if (n == 0) {
                    continue;
                }
                bytesIn.addAndGet(n);
                try {
                    framer.feed(buffer, 0, n);
                } catch (RuntimeException e) {
                    // A framing bug must not take the channel down with it: log, forget the partial state, go on.
                    LOG.error("{}: framing failed; partial input dropped", name, e);
                    framer.reset();
                    endDataMode(DataModeEnd.LINK_CLOSED);
                }
            }
        } catch (IOException e) {
            reason = closing ? "channel closed" : "reading " + link.uri() + " failed: " + e.getMessage();
        }
        shutDown(reason);
    }

    private void shutDown(String reason) {
        PendingCommand p;
        DefaultDataSession s;
        synchronized (state) {
            if (closedReason != null) {
                return;
            }
            closedReason = reason;
            p = pending;
            pending = null;
            s = session;
            session = null;
        }
        LOG.info("{}: link {} closed: {}", name, link.uri(), reason);
        if (p != null) {
            p.fail(new AtLinkClosedException(name + ": link " + link.uri() + " closed while waiting for "
                    + p.command.display() + " (" + reason + ")", null));
        }
        if (s != null) {
            sessionEnded(s, DataModeEnd.LINK_CLOSED);
        }
        try {
            link.close();
        } catch (IOException e) {
            LOG.debug("{}: closing {} failed", name, link.uri(), e);
        }
        dispatcher.event(new ChannelEvent.LinkClosed(reason));
        dispatcher.stop(); // delivers what is queued, then ends; never waited for here (we may be on its thread)
    }

    /** Leaves data mode on the engine's side (the framer is already back in command mode). */
    private void endDataMode(DataModeEnd how) {
        DefaultDataSession s;
        synchronized (state) {
            s = session;
            session = null;
            if (how == DataModeEnd.NO_CARRIER && s != null && s.expectingEscapeOk()) {
                // NO CARRIER crossed our +++ on the line: the module got +++ in command mode, the start of
                // a line it may ignore, reject, or prefix to our next command. End that line, and let the
                // next command resynchronize first so a late answer to it is not taken for its own.
                escapeCrossed = true;
                resyncNeeded = true;
            }
        }
        if (s != null) {
            sessionEnded(s, how);
        }
    }

    /** Ends a session taken off the channel, and says so: every way out of data mode is reported alike. */
    private void sessionEnded(DefaultDataSession s, DataModeEnd how) {
        s.end(how);
        dispatcher.event(new ChannelEvent.DataModeLeft(how));
    }

    /** What the framer recognizes, routed to the command in flight, the data session or the dispatcher. */
    private final class Sink implements FramerSink {

        @Override
        public long epoch() {
            return epoch;
        }

        @Override
        public void line(String text, long lineEpoch) {
            FinalResult result = FinalResult.parse(text);
            PendingCommand p;
            PendingCommand next = null;
            synchronized (state) {
                p = pending;
                boolean forPending = p != null && p.accepts(lineEpoch);
                if (forPending && p.isEcho(text)) {
                    return;
                }
                if (forPending && result != null) {
                    next = finish(p, result);
                    if (next == null) {
                        return;
                    }
                } else if (forPending && p.claims(text, options.bareUrcs())) {
                    p.lines.add(new ResponseLine(text, null));
                    return;
                } else if (result != null) {
                    strayResult(text, result);
                    return;
                }
            }
            if (next == null) {
                framing.observeUrc(text);
                dispatcher.urc(new Urc(text, null));
                return;
            }
            writeSuccessor(next);
        }

        /** Called with the state lock held: a final result with no command waiting for it. */
        private void strayResult(String text, FinalResult result) {
            stray.incrementAndGet();
            if (result.code() == ResultCode.CONNECT) {
                // The module is in data mode even though nobody waits for it (a late answer of a
                // timed-out open): follow it, so that its data is never parsed as lines.
                LOG.warn("{}: {} arrived with no command waiting; the channel is in transparent mode", name, text);
                openSession("(late) " + text);
            } else {
                LOG.debug("{}: discarded {} with no command waiting", name, text);
            }
        }

        /**
         * Called with the state lock held: the command has its final result. Nobody waits for a command of a
         * sequence but its caller, asleep until the turn ends, so completing it wakes nobody before the next one is
         * written.
         *
         * @return the next command of its sequence, now pending, for the caller to write; or null
         */
        private PendingCommand finish(PendingCommand p, FinalResult result) {
            if (result.isSuccess()) {
                // before the next byte is framed: what follows the OK may depend on it (a push after QISWTMD)
                framing.observe(p.command, p.lines);
            }
            DefaultDataSession opened =
                    result.code() == ResultCode.CONNECT ? openSession(p.command.display()) : null;
            PendingCommand next = null;
            // a waiting caller goes first; the sequence's own caller then takes the rest in a new turn
            if (opened == null && p.proceedsAfter(result.code()) && !turn.hasQueuedThreads() && closedReason == null
                    && !closing) {
                next = p.successor(++epoch, timeoutFor(p.following()));
                p.next = next;
                pending = next;
            }
            p.finish(result, opened);
            return next;
        }

        /**
         * Writes the next command of a sequence the moment the one before ended, here on the reader thread: handing
         * it to the sequence's caller first would put a thread wake-up between every two (QISEND chunks, say). Not
         * if its caller gave up on the turn meanwhile (see {@link #abandon}): nobody would own its answer or prompt.
         */
        private void writeSuccessor(PendingCommand next) {
            synchronized (writeLock) {
                synchronized (state) {
                    if (pending != next) {
                        return;
                    }
                }
                try {
                    writeRaw(commandBytes(next.command));
                    next.written = true;
                } catch (AtException e) {
                    synchronized (state) {
                        next.fail(e);
                    }
                }
            }
        }

        /** Called with the state lock held, on the reader thread. */
        private DefaultDataSession openSession(String command) {
            DefaultDataSession opened = new DefaultDataSession(DefaultAtChannel.this, command, options.dataBufferBytes());
            session = opened;
            framer.enterDataMode(opened.pipe);
            dispatcher.event(new ChannelEvent.DataModeEntered(command));
            return opened;
        }

        @Override
        public void payloadLine(String header, byte[] payload, long lineEpoch) {
            synchronized (state) {
                PendingCommand p = pending;
                if (p != null && p.accepts(lineEpoch) && p.claims(header, options.bareUrcs())) {
                    p.lines.add(new ResponseLine(header, payload));
                    return;
                }
            }
            dispatcher.urc(new Urc(header, payload));
        }

        /**
         * The payload is written here, on the reader thread, the moment the prompt is framed: handing it to
         * the sending thread first would add a thread wake-up to every QISEND round trip (about 1 % of the
         * line at 921600 baud). The module sends nothing else until it has the payload, so the reader loses
         * nothing while it writes.
         */
        @Override
        public boolean prompt() {
            PendingCommand p;
            OutgoingPayload payload;
            synchronized (state) {
                p = pending;
                if (p == null || !p.expectsPrompt() || !p.takePrompt()) {
                    return false;
                }
                payload = p.command.payload();
                if (framing.sendEcho() && payload.termination() != OutgoingPayload.Termination.CANCEL) {
                    framer.expectEcho(payload.data());
                }
            }
            try {
                writeRaw(payload.wireBytes());
            } catch (AtException e) {
                synchronized (state) {
                    p.fail(e);
                }
                return true;
            }
            p.prompt.complete(true);
            return true;
        }

        @Override
        public void dataModeEnded(boolean noCarrier) {
            endDataMode(noCarrier ? DataModeEnd.NO_CARRIER : DataModeEnd.ESCAPED);
        }

        @Override
        public void overlongLine() {
            long n = overlong.incrementAndGet();
            LOG.warn("{}: dropped a line longer than {} bytes ({} so far)", name, options.maxLineLength(), n);
        }

        @Override
        public void malformedPayload(String header) {
            malformed.incrementAndGet();
            LOG.warn("{}: payload after '{}' is not valid hex; delivered undecoded", name, header);
        }

        @Override
        public boolean escapeExpected() {
            DefaultDataSession s = session;
            return s != null && s.expectingEscapeOk();
        }

        @Override
        public int payloadAfterLine(String text) {
            return framing.payloadAfterLine(text, inFlightLine());
        }

        @Override
        public boolean commaHeadersPossible() {
            return framing.commaHeadersPossible();
        }

        @Override
        public int payloadAfterComma(String partial) {
            return framing.payloadAfterComma(partial, inFlightLine());
        }

        @Override
        public boolean hexPayloads() {
            return framing.receiveHex();
        }

        @Override
        public boolean promptEndsWithCrLf() {
            return framing.promptFormat() == 1;
        }

        private String inFlightLine() {
            synchronized (state) {
                return pending == null ? null : pending.command.line();
            }
        }
    }

    // ---- the rest of the API ----

    @Override
    public Subscription subscribe(String prefix, UrcListener listener) {
        return dispatcher.subscribe(prefix, listener);
    }

    @Override
    public Subscription addListener(ChannelListener listener) {
        return dispatcher.addListener(listener);
    }

    @Override
    public Optional<DataSession> dataSession() {
        synchronized (state) {
            return Optional.ofNullable(session);
        }
    }

    @Override
    public PayloadFraming framing() {
        return framing;
    }

    @Override
    public ChannelStatistics statistics() {
        return new ChannelStatistics(bytesIn.get(), bytesOut.get(), commands.get(), timeouts.get(),
                dispatcher.delivered(), dispatcher.dropped(), overlong.get(), stray.get(), malformed.get());
    }

    @Override
    public boolean isOpen() {
        synchronized (state) {
            return closedReason == null;
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            link.close();
        } catch (IOException e) {
            LOG.debug("{}: closing {} failed", name, link.uri(), e);
        }
        DefaultDataSession s;
        synchronized (state) {
            s = session;
        }
        if (s != null) {
            s.pipe.closeWrite(); // a reader blocked on a full buffer returns and sees the closed link
        }
        if (Thread.currentThread() != reader) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shutDown("channel closed");
        dispatcher.awaitStopped();
    }
}
