package dev.cellbridge.at;

import java.util.List;

/**
 * A command of a sequence ({@link AtChannel#executeSequence}) failed after the ones before it had completed: their
 * responses are here, the failure (as {@link AtChannel#execute} would have thrown it) is the cause.
 */
public class AtSequenceException extends AtException {

    private static final long serialVersionUID = 1L;

    /** Not serialized: responses are not. */
    private final transient List<AtResponse> completed;

    public AtSequenceException(List<AtResponse> completed, AtException cause) {
        super(cause.getMessage() + " (after " + completed.size() + " command(s) of the sequence had completed)",
                cause);
        this.completed = List.copyOf(completed);
    }

    /** The responses of the commands before the one that failed, in order (all with a proceeding result). */
    public List<AtResponse> completed() {
        return completed == null ? List.of() : completed;
    }

    /** The failure of the command after them. */
    @Override
    public synchronized AtException getCause() {
        return (AtException) super.getCause();
    }
}
