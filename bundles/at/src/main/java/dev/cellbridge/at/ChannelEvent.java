package dev.cellbridge.at;

/** Something that happened to the channel itself (not a URC), delivered on the dispatcher thread. */
public sealed interface ChannelEvent {

    /** The link ended (end of stream, read error, or the channel was closed). No command can run any more. */
    record LinkClosed(String reason) implements ChannelEvent {
    }

    /**
     * A command answered {@code CONNECT}: the channel is in transparent data mode. Its line as
     * {@link AtCommand#display()} shows it.
     */
    record DataModeEntered(String command) implements ChannelEvent {
    }

    /** Transparent data mode ended. */
    record DataModeLeft(DataModeEnd how) implements ChannelEvent {
    }

    /**
     * A command timed out; the next command is preceded by a resynchronization. Its line as
     * {@link AtCommand#display()} shows it (secrets masked).
     */
    record CommandTimedOut(String command) implements ChannelEvent {
    }
}
