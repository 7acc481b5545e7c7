package dev.cellbridge.at;

import dev.cellbridge.at.internal.DefaultAtChannel;
import dev.cellbridge.serial.SerialLink;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The AT conversation with one module over one {@link SerialLink}.
 *
 * <p>Commands run one at a time, in the order callers asked, each waiting for its final result (the
 * application note requires it). A command that times out never desynchronizes the next one: the
 * channel resynchronizes first and discards the late answer. URCs go to subscribers on a dispatcher
 * thread that never blocks the reader. Thread-safe.
 */
public interface AtChannel extends AutoCloseable {

    /**
     * Starts a channel on an open link. The channel owns the link from now on and closes it when closed.
     */
    static AtChannel open(SerialLink link, AtChannelOptions options) {
        return DefaultAtChannel.start(link, options);
    }

    /**
     * Sends a command and waits for its final result.
     *
     * @return the response, whatever the final result (check {@link AtResponse#isOk()})
     * @throws AtTimeoutException     when no final result came in time
     * @throws AtLinkClosedException  when the link is or goes down
     * @throws AtStateException       while the channel is in transparent data mode
     * @throws InterruptedIOException  when the calling thread is interrupted (the command is then abandoned
     *                                like a timed-out one)
     */
    AtResponse execute(AtCommand command) throws AtException, InterruptedIOException;

    /** {@link #execute(AtCommand)} for {@link AtCommand#of(String)}. */
    default AtResponse execute(String line) throws AtException, InterruptedIOException {
        return execute(AtCommand.of(line));
    }

    /**
     * Runs commands back to back in the order given, as long as each ends with a result in {@code proceedOn}: the
     * QISEND chunks of one write, say. Still one command in flight at a time, but each next command is written the
     * moment the one before has ended (by the channel's reader, no round trip through the calling thread), which
     * hides most of the turnaround between them. A caller waiting for the channel meanwhile gets its turn between
     * two commands of the sequence, as with {@link #execute(AtCommand)}. The sequence never continues after
     * {@code CONNECT}. A command cancelled at its prompt ({@link OutgoingPayload#cancel()}) cannot be part of a
     * sequence.
     *
     * @param proceedOn the results after which the next command follows, e.g. {@code SEND_OK}
     * @return the responses, in order: one per command, or fewer, the last being the first whose result was not in
     *         {@code proceedOn} (the commands after it were not sent)
     * @throws IllegalArgumentException when a command cancels at its prompt
     * @throws AtSequenceException     when a command failed after others had completed: their responses and the
     *                                 failure (as {@link #execute(AtCommand)} throws it); the commands after it
     *                                 were not sent
     * @throws AtException             as {@link #execute(AtCommand)} throws it, when the first command failed
     * @throws InterruptedIOException   as {@link #execute(AtCommand)} (what had completed is then not reported)
     */
    List<AtResponse> executeSequence(List<AtCommand> commands, Set<ResultCode> proceedOn)
            throws AtException, InterruptedIOException;

    /**
     * Subscribes to URCs whose line starts with the prefix ({@code ""} for all of them).
     */
    Subscription subscribe(String prefix, UrcListener listener);

    /**
     * Waits until every URC and channel event framed so far has been delivered to the subscribers and listeners: a
     * barrier, after which whatever the module sent before an answer the caller has seen has been handled (a data
     * push that came just before a {@code CONNECT}, say). Returns at once on the delivering thread.
     *
     * @return whether they were delivered within the timeout (false also once the channel has stopped)
     * @throws InterruptedIOException when the calling thread is interrupted
     */
    boolean awaitUrcsDelivered(Duration timeout) throws InterruptedIOException;

    /** Subscribes to channel events (link closed, data mode entered or left, timeouts). */
    Subscription addListener(ChannelListener listener);

    /** The active transparent-mode session, if the channel is in data mode. */
    Optional<DataSession> dataSession();

    /** The module settings the framing depends on; tell the engine what it cannot see. */
    PayloadFraming framing();

    ChannelStatistics statistics();

    /** False once the link has ended or the channel was closed. */
    boolean isOpen();

    /** Stops the reader and dispatcher threads and closes the link. Commands in flight fail. */
    @Override
    void close();
}
