package dev.cellbridge.at.internal;

import dev.cellbridge.at.AtException;
import dev.cellbridge.at.AtTimeoutException;
import dev.cellbridge.at.DataModeEnd;
import dev.cellbridge.at.DataSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One stretch of transparent data mode on a {@link DefaultAtChannel}. */
final class DefaultDataSession implements DataSession {

    /** How long the module may take to answer OK after the guard time that follows {@code +++}. */
    private static final Duration ESCAPE_ANSWER = Duration.ofSeconds(5);

    private final DefaultAtChannel channel;
    private final String command;
    final DataPipe pipe;
    private final CompletableFuture<DataModeEnd> ended = new CompletableFuture<>();
    /** Set when leaving begins: no more data may be written. */
    private volatile boolean escaping;
    /** Set once +++ is written (or DTR dropped): the module's OK ends data mode from now on, even late. */
    private volatile boolean expectingEscapeOk;

    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!isActive()) {
                throw new IOException("transparent mode of " + command + " has ended (" + ended.getNow(null) + ")");
            }
            channel.writeData(DefaultDataSession.this, b, off, len);
        }
    };

    DefaultDataSession(DefaultAtChannel channel, String command, int bufferBytes) {
        this.channel = channel;
        this.command = command;
        this.pipe = new DataPipe(bufferBytes);
    }

    @Override
    public InputStream input() {
        return pipe.input();
    }

    @Override
    public OutputStream output() {
        return output;
    }

    boolean escaping() {
        return escaping;
    }

    boolean expectingEscapeOk() {
        return expectingEscapeOk;
    }

    @Override
    public void escape() throws AtException {
        leave(false);
    }

    @Override
    public void escapeWithDtr() throws AtException {
        leave(true);
    }

    private synchronized void leave(boolean dtr) throws AtException {
        if (!isActive()) {
            return;
        }
        escaping = true;
        Duration guard = channel.guardTime();
        try {
            // From the moment +++ (or the DTR drop) goes out, an OK can be the module's answer; before,
            // one in the data is data. The reader must reach that OK even if nobody reads the data.
            if (dtr) {
                expectingEscapeOk = true;
                channel.pulseDtrLow();
            } else {
                // NO CARRIER may come first: then data mode is over and no +++ is needed
                if (!channel.writeEscape(guard, this, () -> expectingEscapeOk = true)) {
                    return;
                }
            }
            pipe.dropWhenFull();
            Duration limit = guard.plus(ESCAPE_ANSWER);
            ended.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Keep expecting the OK: a late one still ends data mode. Writing stays refused meanwhile.
            throw new AtTimeoutException(dtr ? "DTR escape" : "+++", guard.plus(ESCAPE_ANSWER), "OK");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtException("interrupted while leaving transparent mode");
        } catch (ExecutionException e) {
            throw new AssertionError("data mode never ends exceptionally", e);
        } finally {
            if (dtr) {
                channel.raiseDtr();
            }
        }
    }

    @Override
    public boolean isActive() {
        return !ended.isDone();
    }

    @Override
    public CompletionStage<DataModeEnd> ended() {
        return ended.copy();
    }

    /** Called by the channel when data mode ends; the input ends after the buffered bytes. */
    void end(DataModeEnd how) {
        pipe.closeWrite();
        ended.complete(how);
    }
}
