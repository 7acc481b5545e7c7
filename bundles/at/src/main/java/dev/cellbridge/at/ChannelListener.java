package dev.cellbridge.at;

/** Receives {@link ChannelEvent}s on the channel's dispatcher thread. */
@FunctionalInterface
public interface ChannelListener {
    void onEvent(ChannelEvent event);
}
