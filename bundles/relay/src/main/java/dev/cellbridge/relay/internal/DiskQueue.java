package dev.cellbridge.relay.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store-and-forward queue: one file per message in a directory, named by its sequence number
 * ({@code 00000000000000000042.msg}). A message is deleted once the broker acknowledged it; recent messages are also
 * kept in memory (up to 16 MB) so sending does not read them back. When the queue holds {@code capacity} messages
 * the oldest message that is not socket bytes is dropped (and counted) to make room; socket bytes are never dropped
 * (their writers wait for room, {@link #awaitRoom}).
 *
 * <p>File format: "CBQ1", topic length (int) and UTF-8 bytes, qos (byte), retained (byte), payload length (int) and
 * bytes, CRC-32 of everything before it (long). A file that does not check out at start is deleted and counted as
 * corrupt (a torn write of a crash during {@code fsync=false}).
 *
 * <p>A message is queued in memory first ({@link #reserve}), sendable at once, and written by the relay's disk writer
 * ({@link #persist}); what was delivered before its turn is never written. fsync: with {@code fsync} each message is
 * written to a temporary file, forced to the device and renamed into place (survives a power loss; a device flush per
 * message, about 1.5 ms here, so the writer keeps up with about 600 messages/s); without it the file is written in
 * place: a process crash loses nothing the OS had, a power loss may lose the messages of the last seconds and leave a
 * torn file, which fails its CRC at the next start and is discarded and counted.
 */
final class DiskQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DiskQueue.class);
    private static final int MAGIC = 0x43425131; // "CBQ1"
    private static final String SUFFIX = ".msg";

    private final Path dir;
    private final int capacity;
    private final boolean fsync;
    private final TreeSet<Long> seqs = new TreeSet<>();
    /** The messages a full queue may push out: all but socket bytes (topics ending in {@code /rx}). */
    private final TreeSet<Long> evictable = new TreeSet<>();
    /** Recent messages kept in memory too, so the sender need not read back what was just written. */
    private final java.util.LinkedHashMap<Long, OutboxMessage> cache = new java.util.LinkedHashMap<>();
    /** Reserved, not yet on disk: always in the cache. */
    private final java.util.Set<Long> pending = new java.util.HashSet<>();
    /** Being written outside the lock: its file is deleted by the writer if it is removed meanwhile. */
    private final java.util.Set<Long> writing = new java.util.HashSet<>();
    private long cachedBytes;
    private long nextSeq;
    private volatile long dropped; // written under the lock, read without it (the event thread must not wait on a write)
    private long corrupt;

    /**
     * Opens (creating it when needed) a queue directory and takes over the messages already in it.
     *
     * @throws IOException when the directory cannot be created or read
     */
    DiskQueue(Path dir, int capacity, boolean fsync) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be at least 1: " + capacity);
        }
        this.dir = dir;
        this.capacity = capacity;
        this.fsync = fsync;
        Files.createDirectories(dir);
        // a directory the relay can read but not write (read-only mount, wrong owner) fails here, not at the first
        // message; creating a file is the only check that also holds for root
        Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
        long max = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(f); // a write that never completed
                    continue;
                }
                if (!name.endsWith(SUFFIX)) {
                    continue;
                }
                long seq;
                try {
                    seq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                Optional<OutboxMessage> m = read(f, seq);
                if (m.isEmpty()) {
                    corrupt++;
                    Files.deleteIfExists(f);
                    continue;
                }
                seqs.add(seq);
                if (!socketBytes(m.get().topic())) {
                    evictable.add(seq);
                }
                max = Math.max(max, seq);
            }
        }
        nextSeq = max + 1;
        while (seqs.size() > capacity && dropOldest()) {
            // a smaller capacity than before: make room as a full queue would
        }
        if (!seqs.isEmpty() || corrupt > 0) {
            LOG.info("outbox {}: {} message(s) waiting from before, {} corrupt file(s) discarded", dir, seqs.size(),
                    corrupt);
        }
    }

    /**
     * Appends a message and writes it to disk before returning: {@link #reserve} and {@link #persist} in one.
     *
     * @return the stored message, or null when it was dropped (a full queue of socket bytes)
     */
    OutboxMessage append(String topic, int qos, boolean retained, LongFunction<byte[]> payload) {
        OutboxMessage m = reserve(topic, qos, retained, payload);
        if (m != null) {
            persist(m);
        }
        return m;
    }

    /**
     * Queues a message in memory at once, so it can be sent while {@link #persist} writes it (off the latency path);
     * until then it stays in memory. When the queue is full, the oldest message other than socket bytes is dropped to
     * make room; when there is none, a new message that is not socket bytes is dropped itself, and socket bytes are
     * queued anyway (their writers wait for room first, {@link #awaitRoom}, so the queue overshoots by a message at
     * most per writer).
     *
     * @param payload the payload for the sequence number the message gets
     * @return the queued message, or null when it was dropped (a full queue of socket bytes)
     */
    synchronized OutboxMessage reserve(String topic, int qos, boolean retained, LongFunction<byte[]> payload) {
        boolean bytes = socketBytes(topic);
        if (seqs.size() >= capacity && !dropOldest() && !bytes) {
            countDrop();
            return null;
        }
        long seq = nextSeq++;
        OutboxMessage m = new OutboxMessage(seq, topic, qos, retained, payload.apply(seq));
        seqs.add(seq);
        if (!bytes) {
            evictable.add(seq);
        }
        pending.add(seq);
        cache(m);
        notifyAll();
        return m;
    }

    /**
     * Writes a reserved message to disk, unless it was delivered or dropped meanwhile (then there is nothing to keep).
     * The write runs outside the lock so sending and acknowledging never wait for the disk.
     */
    void persist(OutboxMessage m) {
        synchronized (this) {
            if (!seqs.contains(m.seq())) {
                pending.remove(m.seq());
                return;
            }
            writing.add(m.seq());
        }
        try {
            write(m);
        } finally {
            synchronized (this) {
                writing.remove(m.seq());
                pending.remove(m.seq());
                if (!seqs.contains(m.seq())) {
                    delete(m.seq()); // delivered or dropped while it was being written
                }
                trimCache();
            }
        }
    }

    /** The first message after {@code seq} (-1 for the oldest), if any. */
    synchronized Optional<OutboxMessage> after(long seq) {
        Long next = seqs.higher(seq);
        while (next != null) {
            OutboxMessage cached = cache.get(next);
            if (cached != null) {
                return Optional.of(cached);
            }
            Optional<OutboxMessage> m = read(file(next), next);
            if (m.isPresent()) {
                return m;
            }
            // deleted or damaged under us: skip it rather than stall the queue
            seqs.remove(next);
            corrupt++;
            next = seqs.higher(next);
        }
        return Optional.empty();
    }

    /** Waits up to {@code millis} for a message after {@code seq}. */
    synchronized Optional<OutboxMessage> awaitAfter(long seq, long millis) throws InterruptedException {
        if (seqs.higher(seq) == null && millis > 0) {
            wait(millis);
        }
        return after(seq);
    }

    /**
     * Waits until the queue has room (for socket bytes, which should wait rather than push out older messages);
     * false when it still had none after {@code millis}.
     */
    synchronized boolean awaitRoom(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (seqs.size() >= capacity) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Wakes {@link #awaitAfter} (e.g. when something else needs the waiting thread). */
    synchronized void wake() {
        notifyAll();
    }

    /** Deletes a delivered message; harmless when it is gone already (dropped meanwhile). */
    synchronized void remove(long seq) {
        if (seqs.remove(seq)) {
            evictable.remove(seq);
            uncache(seq);
            if (!writing.contains(seq)) {
                delete(seq);
            }
            notifyAll(); // room for awaitRoom
        }
    }

    synchronized int size() {
        return seqs.size();
    }

    long dropped() {
        return dropped;
    }

    synchronized long corrupt() {
        return corrupt;
    }

    int capacity() {
        return capacity;
    }

    /** Drops the oldest message that is not socket bytes; false when there is none. */
    private boolean dropOldest() {
        Long oldest = evictable.pollFirst();
        if (oldest == null) {
            return false;
        }
        seqs.remove(oldest);
        uncache(oldest);
        if (!writing.contains(oldest)) {
            delete(oldest);
        }
        countDrop();
        return true;
    }

    private void countDrop() {
        dropped = dropped + 1; // only under the lock
        if (Long.bitCount(dropped) == 1) {
            LOG.warn("outbox {} full ({} messages): {} message(s) dropped so far", dir, capacity, dropped);
        }
    }

    /** Socket bytes ({@code .../rx}) are never pushed out of a full queue: their writers wait for room instead. */
    static boolean socketBytes(String topic) {
        return topic.endsWith("/rx");
    }

    private static final long CACHE_BYTES = 16L << 20;

    private void cache(OutboxMessage m) {
        cache.put(m.seq(), m);
        cachedBytes += m.payload().length;
        trimCache();
    }

    /** Forgets the oldest messages beyond the cache's size (read back from disk when their turn comes), never one
     * that is not on disk yet. */
    private void trimCache() {
        java.util.Iterator<Long> oldest = cache.keySet().iterator();
        while (cachedBytes > CACHE_BYTES && oldest.hasNext()) {
            Long seq = oldest.next();
            if (!pending.contains(seq)) {
                cachedBytes -= cache.get(seq).payload().length;
                oldest.remove();
            }
        }
    }

    private void uncache(long seq) {
        OutboxMessage m = cache.remove(seq);
        if (m != null) {
            cachedBytes -= m.payload().length;
        }
    }

    private Path file(long seq) {
        return dir.resolve(String.format("%020d%s", seq, SUFFIX));
    }

    private void delete(long seq) {
        try {
            Files.deleteIfExists(file(seq));
        } catch (IOException e) {
            LOG.warn("outbox: cannot delete {}: {}", file(seq), e.toString());
        }
    }

    private void write(OutboxMessage m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(m.payload().length + m.topic().length() + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] topic = m.topic().getBytes(StandardCharsets.UTF_8);
            out.writeInt(MAGIC);
            out.writeInt(topic.length);
            out.write(topic);
            out.writeByte(m.qos());
            out.writeByte(m.retained() ? 1 : 0);
            out.writeInt(m.payload().length);
            out.write(m.payload());
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream
        }
        Path target = file(m.seq());
        // with fsync: write aside, force, rename (a crash leaves the whole message or none); without: write in place,
        // a torn file from a crash fails its CRC at the next start and is counted as corrupt
        Path tmp = fsync ? dir.resolve(target.getFileName() + ".tmp") : target;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            if (fsync) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + dir + ": cannot store message " + m.seq() + ": " + e, e);
        }
    }

    private static Optional<OutboxMessage> read(Path f, long seq) {
        byte[] all;
        try {
            all = Files.readAllBytes(f);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (all.length < 4 + 4 + 1 + 1 + 4 + 8) {
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all))) {
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            int topicLength = in.readInt();
            if (topicLength < 0 || topicLength > all.length) {
                return Optional.empty();
            }
            String topic = new String(in.readNBytes(topicLength), StandardCharsets.UTF_8);
            int qos = in.readByte();
            boolean retained = in.readByte() != 0;
            int length = in.readInt();
            if (length < 0 || length > all.length) {
                return Optional.empty();
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length != length || in.readLong() != crc.getValue() || qos < 0 || qos > 2) {
                return Optional.empty();
            }
            return Optional.of(new OutboxMessage(seq, topic, qos, retained, payload));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
