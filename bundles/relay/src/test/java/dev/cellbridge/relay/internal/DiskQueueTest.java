package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskQueueTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(DiskQueue q) {
        List<String> out = new ArrayList<>();
        long after = -1;
        for (Optional<OutboxMessage> m = q.after(after); m.isPresent(); m = q.after(after)) {
            out.add(new String(m.get().payload(), StandardCharsets.UTF_8));
            after = m.get().seq();
        }
        return out;
    }

    @Test
    void messagesComeBackInOrderWithTheirTopicQosAndRetainFlagAndSurviveAReopen() throws Exception {
        DiskQueue q = new DiskQueue(dir, 100, true);
        q.append("a/b", 1, false, seq -> bytes("one"));
        q.append("a/c", 2, true, seq -> bytes("two " + seq));
        OutboxMessage first = q.after(-1).orElseThrow();
        assertThat(first.topic()).isEqualTo("a/b");
        assertThat(first.qos()).isEqualTo(1);
        assertThat(first.retained()).isFalse();

        DiskQueue again = new DiskQueue(dir, 100, false);
        assertThat(again.size()).isEqualTo(2);
        assertThat(drain(again)).containsExactly("one", "two 1");
        OutboxMessage second = again.after(first.seq()).orElseThrow();
        assertThat(second.qos()).isEqualTo(2);
        assertThat(second.retained()).isTrue();
        // numbering continues after a restart, so sequence numbers never repeat
        assertThat(again.append("x", 1, false, seq -> bytes("three")).seq()).isEqualTo(2);
    }

    @Test
    void deliveredMessagesAreDeletedFromDisk() throws Exception {
        DiskQueue q = new DiskQueue(dir, 100, false);
        long s0 = q.append("t", 1, false, seq -> bytes("0")).seq();
        q.append("t", 1, false, seq -> bytes("1"));
        q.remove(s0);
        q.remove(s0); // harmless twice
        assertThat(drain(q)).containsExactly("1");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void whenFullTheOldestIsDroppedAndCounted() throws Exception {
        DiskQueue q = new DiskQueue(dir, 3, false);
        for (int i = 0; i < 5; i++) {
            int n = i;
            q.append("t", 1, false, seq -> bytes("m" + n));
        }
        assertThat(drain(q)).containsExactly("m2", "m3", "m4");
        assertThat(q.dropped()).isEqualTo(2);
        assertThat(q.size()).isEqualTo(3);
        // a smaller capacity after a restart drops the oldest too
        DiskQueue smaller = new DiskQueue(dir, 2, false);
        assertThat(drain(smaller)).containsExactly("m3", "m4");
        assertThat(smaller.dropped()).isEqualTo(1);
    }

    @Test
    void aTornOrDamagedFileIsDiscardedAndCountedAndTheRestIsKept() throws Exception {
        DiskQueue q = new DiskQueue(dir, 10, false);
        q.append("t", 1, false, seq -> bytes("good0"));
        long bad = q.append("t", 1, false, seq -> bytes("bad")).seq();
        q.append("t", 1, false, seq -> bytes("good2"));
        Path f = dir.resolve(String.format("%020d.msg", bad));
        byte[] content = Files.readAllBytes(f);
        content[content.length - 12] ^= 0x55; // a flipped payload bit fails the CRC
        Files.write(f, content);
        Files.write(dir.resolve(String.format("%020d.msg.tmp", 9)), bytes("half"));

        DiskQueue again = new DiskQueue(dir, 10, false);
        assertThat(drain(again)).containsExactly("good0", "good2");
        assertThat(again.corrupt()).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void awaitRoomWaitsUntilADeliveryFreesASlot() throws Exception {
        DiskQueue q = new DiskQueue(dir, 2, false);
        long first = q.append("t", 1, false, seq -> bytes("a")).seq();
        q.append("t", 1, false, seq -> bytes("b"));
        assertThat(q.awaitRoom(50)).isFalse();
        Thread remover = new Thread(() -> q.remove(first), "test-remover");
        remover.start();
        assertThat(q.awaitRoom(10_000)).isTrue();
        remover.join();
        assertThat(q.dropped()).isZero();
    }

    @Test
    void socketBytesAreNeverPushedOutOfAFullQueue() throws Exception {
        DiskQueue q = new DiskQueue(dir, 3, false);
        q.append("p/socket/0/rx", 1, false, seq -> bytes("rx0"));
        q.append("p/urc/CLOSED", 1, false, seq -> bytes("urc1"));
        q.append("p/socket/0/rx", 1, false, seq -> bytes("rx2"));
        q.append("p/urc/OTHER", 1, false, seq -> bytes("urc3")); // pushes out urc1, not the older rx0
        assertThat(drain(q)).containsExactly("rx0", "rx2", "urc3");
        q.append("p/reply/r", 1, false, seq -> bytes("reply4")); // pushes out urc3
        assertThat(drain(q)).containsExactly("rx0", "rx2", "reply4");
        long reply = q.after(q.after(q.after(-1).orElseThrow().seq()).orElseThrow().seq()).orElseThrow().seq();
        q.remove(reply);
        q.append("p/socket/0/rx", 1, false, seq -> bytes("rx5"));
        // full of socket bytes: a new JSON message is dropped itself, socket bytes are kept anyway
        assertThat(q.append("p/urc/OTHER", 1, false, seq -> bytes("urc6"))).isNull();
        q.append("p/socket/0/rx", 1, false, seq -> bytes("rx7"));
        assertThat(drain(q)).containsExactly("rx0", "rx2", "rx5", "rx7");
        assertThat(q.dropped()).isEqualTo(3);
        // after a restart the kinds are known again from the topics
        DiskQueue again = new DiskQueue(dir, 3, false);
        assertThat(drain(again)).containsExactly("rx0", "rx2", "rx5", "rx7");
        again.append("p/urc/OTHER", 1, false, seq -> bytes("urc8"));
        assertThat(again.dropped()).isEqualTo(1);
    }

    @Test
    void aReservedMessageIsSendableAtOnceAndWrittenOnlyIfStillQueued() throws Exception {
        DiskQueue q = new DiskQueue(dir, 10, false);
        OutboxMessage delivered = q.reserve("t", 1, false, seq -> bytes("fast"));
        OutboxMessage kept = q.reserve("t", 1, false, seq -> bytes("slow"));
        assertThat(q.after(-1)).contains(delivered); // sendable before it is on disk
        q.remove(delivered.seq()); // acknowledged before the writer got to it
        q.persist(delivered);
        q.persist(kept);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly(String.format("%020d.msg", kept.seq()));
        }
        assertThat(drain(new DiskQueue(dir, 10, false))).containsExactly("slow");
    }
}
