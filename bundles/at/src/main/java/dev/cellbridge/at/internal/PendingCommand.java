package dev.cellbridge.at.internal;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtException;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.FinalResult;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.at.ResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The command in flight: what it has received so far, and where it stands in its sequence (a lone command is a
 * sequence of one). Guarded by the channel's state lock.
 */
final class PendingCommand {

    final AtCommand command;
    /** Lines that began before this epoch were under way before the command was sent. */
    final long epoch;
    /** How long it may take; it runs from just before its line is written (the command is created then). */
    final Duration timeout;
    final long deadline;
    private final List<AtCommand> sequence;
    private final int index;
    private final Set<ResultCode> proceedOn;
    /** The sequence's next command, pending once this one ended; set before {@link #done} completes. */
    PendingCommand next;
    /** The turn it is part of. */
    final Turn turn;
    /** Its line has been written (by its caller, or by the reader for a sequence's next command). */
    volatile boolean written;
    final List<ResponseLine> lines = new ArrayList<>();
    /** Completes true at the prompt, false when the final result came without one. */
    final CompletableFuture<Boolean> prompt = new CompletableFuture<>();
    final CompletableFuture<AtResponse> done = new CompletableFuture<>();
    private boolean echoSeen;

    /**
     * Command {@code index} of {@code sequence}, which goes on after a result in {@code proceedOn}: the first of a
     * caller's turn, sent now.
     */
    static PendingCommand first(List<AtCommand> sequence, int index, Set<ResultCode> proceedOn, long epoch,
            Duration timeout) {
        PendingCommand first = new PendingCommand(sequence, index, proceedOn, epoch, timeout, new Turn());
        first.turn.started(first);
        return first;
    }

    private PendingCommand(List<AtCommand> sequence, int index, Set<ResultCode> proceedOn, long epoch,
            Duration timeout, Turn turn) {
        this.command = sequence.get(index);
        this.epoch = epoch;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.sequence = sequence;
        this.index = index;
        this.proceedOn = proceedOn;
        this.turn = turn;
    }

    /** Whether the sequence goes on after this command ended with {@code code}. */
    boolean proceedsAfter(ResultCode code) {
        return index + 1 < sequence.size() && Sequences.proceeds(code, proceedOn);
    }

    /** The command after this one in its sequence (when {@link #proceedsAfter}). */
    AtCommand following() {
        return sequence.get(index + 1);
    }

    /** The sequence's next command, in the same turn, sent now. */
    PendingCommand successor(long nextEpoch, Duration nextTimeout) {
        PendingCommand next = new PendingCommand(sequence, index + 1, proceedOn, nextEpoch, nextTimeout, turn);
        turn.started(next);
        return next;
    }

    /** Whether both were run in one caller's turn. */
    boolean sameTurnAs(PendingCommand other) {
        return turn == other.turn;
    }

    /** Whether a line that began in the epoch can belong to this command. */
    boolean accepts(long lineEpoch) {
        return lineEpoch >= epoch && !done.isDone();
    }

    private boolean promptTaken;

    /** Whether the prompt came (its payload was then written). */
    boolean promptTaken() {
        return promptTaken;
    }

    boolean expectsPrompt() {
        return command.payload() != null && !prompt.isDone() && !promptTaken;
    }

    /** The prompt arrived: the payload is being written (once). */
    boolean takePrompt() {
        if (promptTaken) {
            return false;
        }
        promptTaken = true;
        return true;
    }

    /** The module's echo of the command line (ATE1), at most once and before any answer line. */
    boolean isEcho(String text) {
        if (!echoSeen && lines.isEmpty() && text.equalsIgnoreCase(command.line())) {
            echoSeen = true;
            return true;
        }
        return false;
    }

    boolean claims(String text, List<String> bareUrcs) {
        for (String prefix : command.infoPrefixes()) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return command.claimUnprefixed() && !text.startsWith("+") && !bareUrcs.contains(text);
    }

    void finish(FinalResult result, dev.cellbridge.at.DataSession session) {
        AtResponse response = new AtResponse(command.display(), lines, result, session);
        prompt.complete(false);
        done.complete(response);
        if (next == null) {
            turn.end();
        }
    }

    void fail(AtException e) {
        prompt.completeExceptionally(e);
        done.completeExceptionally(e);
        turn.end();
    }
}
