package dev.cellbridge.at.internal;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.OutgoingPayload;
import dev.cellbridge.at.ResultCode;
import java.util.List;
import java.util.Set;

/** The rules of {@link dev.cellbridge.at.AtChannel#executeSequence}. */
final class Sequences {

    private Sequences() {
    }

    /**
     * A command cancelled at its prompt waits on the calling thread for the module's possible answer, so it cannot
     * follow another without that thread.
     *
     * @throws IllegalArgumentException naming the first such command
     */
    static void requireSequenceable(List<AtCommand> commands) {
        for (AtCommand c : commands) {
            if (c.payload() != null && c.payload().termination() == OutgoingPayload.Termination.CANCEL) {
                throw new IllegalArgumentException(c.display() + " cancels at its prompt and cannot be part of a "
                        + "command sequence");
            }
        }
    }

    /** @return whether the command after the one answered {@code r} follows (never after CONNECT: data mode) */
    static boolean proceeds(AtResponse r, Set<ResultCode> proceedOn) {
        return proceeds(r.result().code(), proceedOn);
    }

    static boolean proceeds(ResultCode code, Set<ResultCode> proceedOn) {
        return code != ResultCode.CONNECT && proceedOn.contains(code);
    }
}
