package org.eclipse.kura;

/**
 * Kura's error codes (declaration only: the few constants cellbridge and its tests use; Kura's enum has many more).
 */
public enum KuraErrorCode {
    INTERNAL_ERROR,
    ENCODE_ERROR,
    DECODER_ERROR
}
