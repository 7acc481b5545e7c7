package dev.cellbridge.at.internal;

import java.util.concurrent.TimeUnit;

/**
 * The commands one caller runs back to back ({@link dev.cellbridge.at.AtChannel#executeSequence}; a lone command is
 * a turn of one). The caller sleeps here until the turn ends, woken early only when a command starts whose timeout
 * ends sooner than the one it sleeps for: waking it for every command would only take processor time from the
 * reader, which writes them.
 */
final class Turn {

    private PendingCommand inFlight;
    private long sleepingUntil;
    private boolean ended;

    /** The command {@code p} of this turn was just sent. */
    synchronized void started(PendingCommand p) {
        inFlight = p;
        if (p.deadline - sleepingUntil < 0) {
            notifyAll();
        }
    }

    synchronized PendingCommand inFlight() {
        return inFlight;
    }

    /** The last command of this turn has ended, or one failed. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /**
     * Waits until the turn ends or the command in flight has had its time.
     *
     * @return null when the turn ended; else the command that timed out
     */
    synchronized PendingCommand awaitEnd() throws InterruptedException {
        while (!ended) {
            long left = inFlight.deadline - System.nanoTime();
            if (left <= 0) {
                return inFlight;
            }
            sleepingUntil = inFlight.deadline;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return null;
    }
}
