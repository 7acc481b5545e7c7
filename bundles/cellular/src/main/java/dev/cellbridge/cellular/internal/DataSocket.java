package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtFields;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.AtSequenceException;
import dev.cellbridge.at.AtStateException;
import dev.cellbridge.at.AtTimeoutException;
import dev.cellbridge.at.DataModeEnd;
import dev.cellbridge.at.DataSession;
import dev.cellbridge.at.OutgoingPayload;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.at.ResultCode;
import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.QuectelError;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A socket that carries data (TCP, TCP INCOMING, UDP, UDP SERVICE) in any of the three access modes.
 *
 * <p><b>Buffer mode.</b> A {@code recv} URC (with or without the recvind length) asks the modem's worker
 * thread to read with {@code AT+QIRD} until {@code +QIRD: 0}. The module announces new data only once its
 * buffer was read empty, so reading to the empty answer means no data can be left behind unannounced; a
 * URC that arrives while a read pass runs just causes one more pass. Passes are fair (a bounded number of
 * reads, then the other sockets' turn) and pause while the application has not taken what was read, so the
 * module's buffer provides flow control. A {@code closed} URC ends the input only after a pass that began
 * after it found the buffer empty: a recv and a closed URC racing lose nothing.
 *
 * <p><b>Direct push.</b> Payloads go straight to the input on the dispatcher thread.
 *
 * <p><b>Transparent mode.</b> The AT channel's {@link DataSession} carries the bytes: a pump thread of the
 * socket moves them to the input, writes go to the session. <em>While a session is active the channel runs
 * no AT command at all</em>: every other socket's reads wait and its sends, queries and closes fail with an
 * exception until the session ends ({@link #switchMode} or close).
 *
 * <p><b>Sending.</b> Writes are cut into {@code AT+QISEND=<id>,<len>} commands of at most 1460 bytes with a
 * fixed length (binary safe). {@code SEND FAIL} (or status 1 of the sendinfo form) means the module's buffer
 * is full and nothing was taken: the same chunk is sent again after a backoff that doubles up to
 * {@link ModemOptions#sendFailBackoffMax()}, at most {@link ModemOptions#sendFailRetries()} times, so no byte
 * is lost or sent twice. With the hex send data format ("dataformat" 1) {@code <send_length>} counts bytes
 * and the module is given two hex digits per byte (the note: "form two bytes to one ASCII code").
 */
abstract class DataSocket extends BaseSocket {

    private static final Logger LOG = LoggerFactory.getLogger(DataSocket.class);

    /** The note's QISEND maximum ({@code <send_length>} 0–1460). */
    static final int MAX_SEND = 1460;
    /**
     * QISEND chunks sent as one command sequence: the calling thread's turnaround comes once per sequence instead of
     * once per chunk. A caller waiting for the channel still gets its turn between two chunks.
     */
    private static final int SEQUENCE_CHUNKS = 16;
    private static final Set<ResultCode> SEND_OK = Set.of(ResultCode.SEND_OK);
    /** The module answers QISEND with {@code +QISEND:} and OK ("sendinfo" 1), as it did last time. */
    private volatile boolean sendinfoAnswers;
    /** Reads per pass before other sockets get a turn. */
    private static final int DRAIN_BATCH = 8;
    /** How long closing or switching waits for the transparent pump to hand over the last bytes. */
    private static final long PUMP_JOIN_MILLIS = 5000;
    /** How long a switch out of direct push waits for the pushes from before it to be delivered. */
    private static final Duration PUSHES_BEFORE_SWITCH_WAIT = Duration.ofSeconds(5);

    final ModemOptions options;
    private final ReentrantLock sendLock = new ReentrantLock();
    private volatile boolean drainPending;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile boolean peerClosedSeen;
    private volatile DataSession session;
    private volatile Thread pump;
    /** Leaving data mode: the pump must hand everything over without waiting, or the module's OK could be stuck behind data. */
    private volatile boolean leaving;
    /** A QISEND timed out: whether the module took that chunk is unknown, so the byte stream is not trustworthy. */
    private volatile IOException outputBroken;

    DataSocket(SocketRegistry registry, int id, SocketSpec spec, ServiceType type, Phase phase) {
        super(registry, id, spec, type, phase);
        this.options = registry.options();
    }

    // ---- what the stream and datagram sockets provide ----

    /** What the socket received and the application has not taken yet. */
    abstract ReceivedInput received();

    /** Whether the input can take more data now (else reading from the module pauses). */
    final boolean inputHasRoom() {
        return received().hasRoom();
    }

    /** A payload read with QIRD ({@code line} is the {@code +QIRD:} header). */
    abstract void deliverRead(ResponseLine line) throws IOException;

    /** A pushed payload, on the dispatcher thread: must not block. */
    abstract void deliverPushed(byte[] data, String ip, int port);

    /** A transparent-mode chunk; may wait while the input is full and {@code keepWaiting} holds. */
    abstract boolean deliverTransparent(byte[] data, BooleanSupplier keepWaiting) throws InterruptedException;

    /** The QIRD command that reads the next piece. */
    abstract String readCommand();

    /** The input ends (EOF) after what was received. */
    final void endInput() {
        received().finish();
    }

    /** The input ends with {@code e} after what was received. */
    final void failInput(IOException e) {
        received().fail(e);
    }

    /** The input ends now with {@code e}; what is unread is dropped. */
    final void abortInput(IOException e) {
        received().abort(e);
    }

    // ---- events ----

    @Override
    void recvIndication() {
        requestDrain();
    }

    @Override
    void pushed(byte[] data, String ip, int port) {
        deliverPushed(data, ip, port);
    }

    @Override
    void peerClosed() {
        peerClosedSeen = true;
        if (mode == AccessMode.DIRECT_PUSH && !drainPending) {
            // every pushed payload came before this URC, on this same thread: nothing is left
            endInput();
        } else {
            requestDrain();
        }
    }

    @Override
    void opened(int error) {
        super.opened(error);
        scheduleDrain(); // a recv URC may have been kept waiting for the open to complete
    }

    @Override
    void releasedByModule(IOException why) {
        super.releasedByModule(why);
        failInput(why); // after the bytes already received
    }

    @Override
    boolean routable() {
        // while the session is active the module reports nothing for this socket by URC; a URC for the
        // connectID then can only be a previous owner's, still on its way through the dispatcher
        return super.routable() && !inDataMode();
    }

    boolean inDataMode() {
        DataSession s = session;
        Thread p = pump;
        return (s != null && s.isActive()) || (p != null && p.isAlive());
    }

    // ---- reading in buffer mode ----

    void requestDrain() {
        drainPending = true;
        scheduleDrain();
    }

    /** Queues a read pass on the worker when one is wanted and none is queued. */
    void scheduleDrain() {
        if (drainPending && drainQueued.compareAndSet(false, true)) {
            registry.worker().submit(this::drain);
        }
    }

    /** Worker thread: one fair read pass. */
    private void drain() {
        drainQueued.set(false);
        ioLock.lock();
        try {
            if (phase != Phase.OPEN || released || inDataMode() || !drainPending) {
                return; // pending reads resume when the mode switch or the open completes
            }
            if (!inputHasRoom()) {
                return; // resumes when the application reads (onSpace)
            }
            boolean closedBefore = peerClosedSeen;
            drainPending = false;
            switch (readPass(DRAIN_BATCH, false)) {
                case EMPTY -> {
                    if (closedBefore) {
                        endInput();
                    }
                }
                case MORE -> {
                    drainPending = true;
                    scheduleDrain();
                }
                case PAUSED -> drainPending = true;
                case DEFERRED -> drainPending = true; // another socket is in transparent mode
                case ENDED -> {
                }
                default -> throw new IllegalStateException();
            }
        } finally {
            ioLock.unlock();
        }
    }

    private enum Pass { EMPTY, MORE, PAUSED, DEFERRED, ENDED }

    /**
     * Reads up to {@code limit} pieces; {@code toEnd} ignores the limit and the input's room (a last read
     * before the context is reset). Caller holds {@link #ioLock}.
     */
    private Pass readPass(int limit, boolean toEnd) {
        for (int i = 0; toEnd || i < limit; i++) {
            AtResponse r;
            try {
                r = commands.run(AtCommand.of(readCommand()));
            } catch (CellularException e) {
                if (e.getCause() instanceof AtStateException) {
                    return Pass.DEFERRED;
                }
                if (!toEnd) {
                    failInput(new IOException("reading " + label + " failed: " + e.getMessage(), e));
                }
                return Pass.ENDED;
            }
            if (!r.isOk()) {
                if (toEnd) {
                    return Pass.ENDED; // the caller ends the input with the reason it knows
                }
                if (peerClosedSeen) {
                    endInput(); // the module released the connectID after the peer closed (passiveclosed)
                    return Pass.ENDED;
                }
                CellularException refused = commands.refused(r);
                failInput(new IOException("reading " + label + " failed: " + refused.getMessage(), refused));
                return Pass.ENDED;
            }
            ResponseLine line = r.line("+QIRD:").orElse(null);
            if (line == null || !line.hasPayload()) {
                return Pass.EMPTY;
            }
            try {
                deliverRead(line);
            } catch (IOException e) {
                failInput(e);
                return Pass.ENDED;
            }
            if (!toEnd && !inputHasRoom()) {
                return Pass.PAUSED;
            }
        }
        return Pass.MORE;
    }

    /** Worker thread: reads what the module still holds, whatever the input's room (context being reset). */
    void drainToEnd() {
        ioLock.lock();
        try {
            if (phase == Phase.OPEN && !released && !inDataMode() && mode != AccessMode.TRANSPARENT) {
                drainPending = false;
                readPass(0, true);
            }
        } finally {
            ioLock.unlock();
        }
    }

    // ---- transparent mode ----

    /** Starts moving the session's bytes to the input. Caller holds {@link #ioLock} (or is opening). */
    void startTransparent(DataSession s) {
        session = s;
        mode = AccessMode.TRANSPARENT;
        Thread t = new Thread(() -> pumpLoop(s), "cellbridge-transparent-" + registry.name() + "-" + id);
        t.setDaemon(true);
        pump = t;
        t.start();
    }

    private void pumpLoop(DataSession s) {
        InputStream in = s.input();
        byte[] buf = new byte[16 * 1024];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                if (!deliverTransparent(Arrays.copyOf(buf, n), () -> s.isActive() && !leaving)) {
                    return; // the input was closed
                }
            }
        } catch (InterruptedIOException | InterruptedException e) {
            return; // the modem is closing
        } catch (IOException e) {
            failInput(new IOException("transparent mode of " + label + " failed: " + e.getMessage(), e));
            return;
        }
        DataModeEnd how;
        try {
            how = s.ended().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            how = DataModeEnd.LINK_CLOSED;
        }
        switch (how) {
            case ESCAPED -> {
                // switchMode or close left data mode on purpose; the connection goes on
            }
            case NO_CARRIER -> {
                peerClosedSeen = true;
                // the peer closed, or the network took the context away (its pdpdeact URC follows):
                // ask which, so that the input ends with EOF or with the clear error
                registry.worker().submit(this::noCarrier);
            }
            case LINK_CLOSED -> failInput(new IOException("the link to the module closed during transparent mode of "
                    + label));
            default -> throw new IllegalStateException();
        }
    }

    /** Worker thread: transparent mode ended with NO CARRIER. */
    private void noCarrier() {
        IOException lost = registry.contextLossOf(this);
        if (lost != null) {
            failInput(lost);
        } else {
            endInput();
        }
    }

    /** Leaves data mode with {@code +++} when in it, and waits until the pump handed over every byte. */
    private void leaveTransparent() throws IOException {
        DataSession s = session;
        if (s != null && s.isActive()) {
            leaving = true;
            try {
                s.escape();
            } catch (IOException e) {
                throw new CellularException("leaving transparent mode of " + label + " failed", e);
            } finally {
                leaving = false;
            }
        }
        joinPump();
        session = null;
    }

    private void joinPump() throws InterruptedIOException {
        Thread p = pump;
        if (p != null && p != Thread.currentThread()) {
            try {
                p.join(PUMP_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while leaving transparent mode of " + label);
            }
            if (p.isAlive()) {
                LOG.warn("{}: transparent-mode pump of {} did not finish in {} ms", registry.name(), label,
                        PUMP_JOIN_MILLIS);
                p.interrupt();
            }
        }
        pump = null;
    }

    /**
     * Data the module pushed before it answered a switch out of direct push may still be on its way through the URC
     * dispatcher (pushes are URCs; reads and transparent data are not): it goes to the input before anything the new
     * mode brings.
     */
    private void awaitPushesDelivered() throws IOException {
        if (!commands.channel().awaitUrcsDelivered(PUSHES_BEFORE_SWITCH_WAIT)) {
            LOG.warn("{}: data pushed before the mode switch was not delivered within {} s; going on", label,
                    PUSHES_BEFORE_SWITCH_WAIT.toSeconds());
        }
    }

    @Override
    public void switchMode(AccessMode target) throws IOException {
        if (target == null) {
            throw new IllegalArgumentException("access mode must be given");
        }
        requireUsable();
        sendLock.lock();
        ioLock.lock();
        try {
            requireUsable();
            boolean active = inDataMode();
            boolean wasPush = mode == AccessMode.DIRECT_PUSH;
            if (target == mode && (target != AccessMode.TRANSPARENT || active)) {
                return;
            }
            if (mode == AccessMode.TRANSPARENT) {
                leaveTransparent();
            }
            if (target == AccessMode.TRANSPARENT) {
                AtResponse r = commands.run(AtCommand.of("AT+QISWTMD=" + id + ",2"));
                if (r.result().code() != ResultCode.CONNECT || r.dataSession() == null) {
                    throw new CellularException("switching " + label + " to transparent mode failed: " + r.result()
                            .text(), commands.refused(r).error().orElse(null));
                }
                if (wasPush) {
                    awaitPushesDelivered(); // before the session's bytes go to the input
                }
                startTransparent(r.dataSession());
                return;
            }
            // the module pushes what it buffered right after OK; the engine learns the new mode from that OK
            // before it frames the next byte
            commands.require(AtCommand.of("AT+QISWTMD=" + id + "," + target.code()));
            mode = target;
            if (wasPush) {
                awaitPushesDelivered(); // before the first read in the new mode
            }
            // data may have waited in the module while leaving data mode, or a URC may have been deferred
            requestDrain();
        } finally {
            ioLock.unlock();
            sendLock.unlock();
        }
    }

    // ---- sending ----

    void requireWritable() throws IOException {
        requireUsable();
        if (peerClosedSeen) {
            throw new SocketException(label + " was closed by the peer");
        }
        IOException o = outputBroken;
        if (o != null) {
            throw new IOException(o.getMessage(), o);
        }
    }

    /**
     * Sends bytes: in transparent mode to the session, otherwise in QISEND chunks of at most 1460 bytes.
     *
     * @param addressSuffix {@code ,"<ip>",<port>} for a UDP SERVICE, else empty
     */
    void sendBytes(byte[] b, int off, int len, String addressSuffix) throws IOException {
        try {
            sendLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send on " + label);
        }
        try {
            requireWritable();
            if (mode == AccessMode.TRANSPARENT) {
                DataSession s = session;
                if (s == null || !s.isActive()) {
                    throw new SocketException(label + " is in transparent mode but not in data mode "
                            + "(the connection ended, or leaving it failed); switchMode(TRANSPARENT) resumes it");
                }
                s.output().write(b, off, len);
                s.output().flush();
                return;
            }
            int start = off;
            int end = off + len;
            while (off < end) {
                off = sendChunks(b, start, off, end, addressSuffix);
            }
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends up to {@link #SEQUENCE_CHUNKS} chunks from {@code off} (of a write from {@code start}) as one command
     * sequence (each next QISEND goes out the moment the one before is answered SEND OK); a chunk answered SEND FAIL
     * is retried with backoff.
     *
     * @return the offset after the last byte the module took
     */
    private int sendChunks(byte[] b, int start, int off, int end, String addressSuffix) throws IOException {
        // with "sendinfo" every chunk is answered OK, which ends a sequence: building more would be wasted
        int most = sendinfoAnswers ? 1 : SEQUENCE_CHUNKS;
        List<AtCommand> sends = new ArrayList<>(most);
        List<Integer> sizes = new ArrayList<>(most);
        for (int at = off; at < end && sends.size() < most; at += sizes.get(sizes.size() - 1)) {
            int n = Math.min(MAX_SEND, end - at);
            sends.add(sendCommand(Arrays.copyOfRange(b, at, at + n), addressSuffix));
            sizes.add(n);
        }
        requireWritable();
        List<AtResponse> answers;
        try {
            answers = commands.runSequence(sends, SEND_OK);
        } catch (CellularException e) {
            throw sendFailed(e, sizes, off - start);
        }
        for (int i = 0; i < answers.size(); i++) {
            AtResponse answer = answers.get(i);
            sendinfoAnswers = answer.result().code() == ResultCode.OK;
            int n = sizes.get(i);
            switch (outcome(answer)) {
                case ACCEPTED -> {
                }
                case FULL -> retryWhileFull(sends.get(i), n, off - start, end - off - n);
                default -> {
                    requireWritable(); // closed meanwhile (by the peer, or by another thread): say that
                    throw refused(answer, n);
                }
            }
            off += n;
        }
        return off;
    }

    private AtCommand sendCommand(byte[] data, String addressSuffix) {
        byte[] wire = registry.sendHex() ? HexFormat.of().withUpperCase().formatHex(data)
                .getBytes(StandardCharsets.US_ASCII) : data;
        return AtCommand.of("AT+QISEND=" + id + "," + data.length + addressSuffix)
                .withPayload(OutgoingPayload.fixedLength(wire));
    }

    /**
     * The exception for a sequence of QISENDs that failed, naming how much of the write went out; after a timeout
     * whether the module took the chunk in flight is unknown, so the byte stream is not trustworthy any more.
     */
    private IOException sendFailed(CellularException e, List<Integer> sizes, int sentBefore) {
        Throwable failure = e.getCause();
        int done = 0;
        if (failure instanceof AtSequenceException partly) {
            done = partly.completed().size();
            failure = partly.getCause();
        }
        int sent = sentBefore;
        for (int i = 0; i < done; i++) {
            sent += sizes.get(i);
        }
        int size = sizes.get(Math.min(done, sizes.size() - 1));
        String before = sent > 0 ? " (" + sent + " bytes before them went out)" : "";
        if (failure instanceof AtTimeoutException timeout) {
            outputBroken = new IOException("the module did not answer " + timeout.command() + " in time: whether it "
                    + "took its " + size + " bytes is unknown, so " + label + " can no longer send reliably" + before,
                    e);
            return outputBroken;
        }
        return new CellularException("sending " + size + " bytes on " + label + " failed" + before + ": "
                + (failure != null ? failure.getMessage() : e.getMessage()), e);
    }

    /** The module's send buffer was full for this chunk: waits and sends it again, a bounded number of times. */
    private void retryWhileFull(AtCommand send, int size, int sentBefore, int remainingAfter) throws IOException {
        long backoff = options.sendFailBackoff().toMillis();
        long maxBackoff = options.sendFailBackoffMax().toMillis();
        for (int attempt = 1;; attempt++) {
            if (attempt > options.sendFailRetries()) {
                throw new IOException("the module's send buffer for " + label + " stayed full (SEND FAIL "
                        + attempt + " times); " + (size + remainingAfter) + " bytes of this write were not sent");
            }
            sleepBackoff(backoff);
            backoff = Math.min(maxBackoff, backoff * 2);
            requireWritable();
            AtResponse r;
            try {
                r = commands.run(send);
            } catch (CellularException e) {
                throw sendFailed(e, List.of(size), sentBefore);
            }
            switch (outcome(r)) {
                case ACCEPTED -> {
                    return;
                }
                case FULL -> {
                }
                default -> {
                    requireWritable();
                    throw refused(r, size);
                }
            }
        }
    }

    private CellularException refused(AtResponse r, int size) {
        QuectelError error = commands.refused(r).error().orElse(null);
        return new CellularException("sending " + size + " bytes on " + label + " failed: " + r.command()
                + " answered " + r.result().text() + (error != null ? "; AT+QIGETERROR" : " (AT+QIGETERROR gave no "
                + "reason)"), error);
    }

    private void sleepBackoff(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the module's send buffer on " + label);
        }
    }

    private enum Outcome { ACCEPTED, FULL, REFUSED }

    /** SEND OK / SEND FAIL, or with "sendinfo" 1: {@code +QISEND: <id>,<status>,<free>} then OK. */
    private Outcome outcome(AtResponse r) {
        ResultCode code = r.result().code();
        if (code == ResultCode.SEND_OK) {
            return Outcome.ACCEPTED;
        }
        if (code == ResultCode.SEND_FAIL) {
            return Outcome.FULL;
        }
        if (code == ResultCode.OK) {
            ResponseLine info = r.line("+QISEND:").orElse(null);
            if (info == null) {
                return Outcome.ACCEPTED; // OK alone: accepted (a module variant without the info line)
            }
            try {
                AtFields f = AtFields.of(info.text());
                return f.size() >= 2 && f.number(1) == 1 ? Outcome.FULL : Outcome.ACCEPTED;
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: unreadable QISEND answer \"{}\" taken as accepted", registry.name(), info.text());
                return Outcome.ACCEPTED;
            }
        }
        return Outcome.REFUSED;
    }

    // ---- closing ----

    @Override
    void beforeClose() throws IOException {
        if (inDataMode()) {
            leaveTransparent();
        }
    }

    @Override
    void afterClose(SocketException closed) {
        abortInput(closed);
        Thread p = pump;
        if (p != null) {
            p.interrupt();
        }
    }

    @Override
    void detach(IOException why) {
        broken(why);
        failInput(why);
        Thread p = pump;
        if (p != null) {
            p.interrupt();
        }
    }
}
