package dev.cellbridge.simulator.internal;

import java.util.Arrays;

/** A growable FIFO of bytes (a socket's receive buffer). Not thread safe: guarded by the modem lock. */
final class ByteQueue {
    private byte[] buf = new byte[256];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void append(byte[] data, int off, int len) {
        if (size + len > buf.length - head) {
            if (size + len <= buf.length) {
                System.arraycopy(buf, head, buf, 0, size);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, size + len)];
                System.arraycopy(buf, head, bigger, 0, size);
                buf = bigger;
            }
            head = 0;
        }
        System.arraycopy(data, off, buf, head + size, len);
        size += len;
    }

    byte[] take(int max) {
        int n = Math.min(max, size);
        byte[] out = Arrays.copyOfRange(buf, head, head + n);
        head += n;
        size -= n;
        if (size == 0) {
            head = 0;
        }
        return out;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
