package dev.cellbridge.simulator.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The module's transmit line to the host. Every write is one unit under one lock, so a URC never lands inside a
 * response line or a payload. With no host attached the bytes are lost, as on an unplugged serial line.
 */
final class HostOutput {
    /** Bytes handed to the host at a time on a paced line. */
    static final int SLICE = 64;
    private final Pacer pacer;
    private OutputStream out;
    private boolean fragment;

    HostOutput(Pacer pacer) {
        this.pacer = pacer;
    }

    synchronized void attach(OutputStream stream) {
        this.out = stream;
    }

    synchronized void detach(OutputStream stream) {
        if (this.out == stream) {
            this.out = null;
        }
    }

    synchronized void fragment(boolean on) {
        this.fragment = on;
    }

    synchronized void write(byte[] bytes) {
        if (out == null || bytes.length == 0) {
            return;
        }
        try {
            if (fragment) {
                for (byte b : bytes) {
                    pacer.pace(1);
                    out.write(b);
                    out.flush();
                }
            } else if (pacer.active()) {
                // released in slices as their last byte passes, so the line rate holds within a long payload too;
                // every slice is due at a time fixed up front, so the time spent writing one is not added on
                long start = pacer.reserve(bytes.length);
                for (int off = 0; off < bytes.length; off += SLICE) {
                    int n = Math.min(SLICE, bytes.length - off);
                    pacer.awaitUntil(start + pacer.nanosFor(off + n));
                    out.write(bytes, off, n);
                }
                out.flush();
            } else {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // host went away; the reader side notices and detaches
            out = null;
        }
    }
}
