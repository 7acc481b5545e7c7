package dev.cellbridge.at;

/**
 * Receives URCs on the channel's dispatcher thread, in the order the module sent them. A listener
 * that throws is logged and keeps its subscription; a slow listener delays other listeners but
 * never the reader.
 */
@FunctionalInterface
public interface UrcListener {
    void onUrc(Urc urc);
}
