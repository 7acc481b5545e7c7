package dev.cellbridge.at.internal;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtException;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.FinalResult;
import dev.cellbridge.at.ResponseLine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The command in flight: what it has received so far. Guarded by the channel's state lock. */
final class PendingCommand {

    final AtCommand command;
    /** Lines that began before this epoch were under way before the command was sent. */
    final long epoch;
    final List<ResponseLine> lines = new ArrayList<>();
    /** Completes true at the prompt, false when the final result came without one. */
    final CompletableFuture<Boolean> prompt = new CompletableFuture<>();
    final CompletableFuture<AtResponse> done = new CompletableFuture<>();
    private boolean echoSeen;

    PendingCommand(AtCommand command, long epoch) {
        this.command = command;
        this.epoch = epoch;
    }

    /** Whether a line that began in the epoch can belong to this command. */
    boolean accepts(long lineEpoch) {
        return lineEpoch >= epoch && !done.isDone();
    }

    private boolean promptTaken;

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
    }

    void fail(AtException e) {
        prompt.completeExceptionally(e);
        done.completeExceptionally(e);
    }
}
