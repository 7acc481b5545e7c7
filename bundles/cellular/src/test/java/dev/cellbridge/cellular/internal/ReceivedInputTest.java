package dev.cellbridge.cellular.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.Datagram;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** How the stream buffer and the datagram queue end, alike: after what was received, or at once on abort. */
class ReceivedInputTest {

    private static final Runnable NOTHING = () -> { };

    private static byte[] read(ReceiveBuffer b, int n) throws IOException {
        byte[] out = new byte[n];
        assertThat(b.read(out, 0, n, 1000)).isEqualTo(n);
        return out;
    }

    @Test
    void aStreamEndsAfterItsBytes() throws IOException {
        ReceiveBuffer finished = new ReceiveBuffer(16, 64, NOTHING);
        finished.append(new byte[] {1, 2});
        finished.finish();
        finished.fail(new IOException("too late: the first end wins"));
        assertThat(finished.isEnded()).isTrue();
        assertThat(read(finished, 2)).containsExactly(1, 2);
        assertThat(finished.read(new byte[1], 0, 1, 1000)).isEqualTo(-1);

        ReceiveBuffer failed = new ReceiveBuffer(16, 64, NOTHING);
        failed.append(new byte[] {3});
        failed.fail(new IOException("reset"));
        failed.append(new byte[] {4}); // after the end: ignored
        assertThat(read(failed, 1)).containsExactly(3);
        assertThatThrownBy(() -> failed.read(new byte[1], 0, 1, 1000)).hasMessage("reset");

        ReceiveBuffer aborted = new ReceiveBuffer(16, 64, NOTHING);
        aborted.append(new byte[] {5});
        aborted.abort(new IOException("closed"));
        assertThatThrownBy(aborted::available).hasMessage("closed");
        assertThatThrownBy(() -> aborted.read(new byte[1], 0, 1, 1000)).hasMessage("closed");
    }

    @Test
    void anOverflowingPushFailsTheStreamAndDropsItsBytes() throws IOException {
        ReceiveBuffer b = new ReceiveBuffer(4, 8, NOTHING);
        b.append(new byte[6]);
        b.append(new byte[3]);
        assertThat(b.available()).isZero();
        assertThatThrownBy(() -> b.read(new byte[1], 0, 1, 1000)).hasMessageStartingWith("receive buffer overflow");
    }

    @Test
    void aDatagramQueueEndsAfterItsDatagrams() throws IOException {
        DatagramQueue finished = new DatagramQueue(4, 8, NOTHING);
        Datagram d = new Datagram(new byte[] {1}, "10.0.0.1", 7);
        assertThat(finished.offer(d)).isTrue();
        finished.finish();
        assertThat(finished.offer(d)).isFalse();
        assertThat(finished.take(1000)).contains(d);
        assertThatThrownBy(() -> finished.take(1000)).isInstanceOf(EOFException.class);

        DatagramQueue aborted = new DatagramQueue(4, 8, NOTHING);
        aborted.offer(d);
        aborted.abort(new IOException("closed"));
        assertThatThrownBy(() -> aborted.take(1000)).hasMessage("closed");
        assertThat(aborted.isEnded()).isTrue();
    }
}
