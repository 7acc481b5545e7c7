package dev.cellbridge.cellular.internal;

import java.io.IOException;

/**
 * What a data socket received and the application has not taken yet ({@link ReceiveBuffer} for streams,
 * {@link DatagramQueue} for datagrams), and how that input ends: {@link #finish()} and {@link #fail} are seen
 * by the reader after everything received before them; {@link #abort} ends it at once, dropping what is
 * unread. Every method locks this object; subclasses guard their contents with the same lock and wait on it.
 */
abstract class ReceivedInput {

    private boolean finished;
    private IOException failure;
    private IOException aborted;

    /** Whether the input can take more now (else reading from the module pauses). */
    abstract boolean hasRoom();

    /** Drops everything unread; called with the lock held. */
    abstract void discard();

    /** Whether the input has ended (finished, failed or aborted), whether or not the reader saw it yet. */
    final synchronized boolean isEnded() {
        return finished || failure != null || aborted != null;
    }

    /** The input ends (EOF) after what is already here. */
    final synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** The input ends with this exception after what is already here (first end wins). */
    final synchronized void fail(IOException e) {
        if (!isEnded()) {
            failure = e;
            notifyAll();
        }
    }

    /** Ends the input now; what is unread is dropped and the reader gets {@code e}. */
    final synchronized void abort(IOException e) {
        if (aborted == null) {
            aborted = e;
            discard();
            notifyAll();
        }
    }

    /** Throws the abort's exception if there was one. Call with the lock held. */
    final void throwIfAborted() throws IOException {
        if (aborted != null) {
            throw aborted;
        }
    }

    /**
     * For a reader that found nothing left, with the lock held: throws how the input ended abnormally, or tells
     * whether it ended plainly (true: end of input) or is still open (false: wait).
     */
    final boolean endedWhenEmpty() throws IOException {
        throwIfAborted();
        if (failure != null) {
            throw failure;
        }
        return finished;
    }
}
