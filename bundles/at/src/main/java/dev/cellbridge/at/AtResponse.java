package dev.cellbridge.at;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete answer to one command.
 *
 * @param command     the command line as sent (without the CR), its secrets masked ({@link AtCommand#display()})
 * @param lines       information lines claimed by the command, in order
 * @param result      the final result
 * @param dataSession the transparent-mode session opened by a {@code CONNECT} result, or null
 */
public record AtResponse(String command, List<ResponseLine> lines, FinalResult result, DataSession dataSession) {

    public AtResponse {
        Objects.requireNonNull(command, "command");
        lines = List.copyOf(lines);
        Objects.requireNonNull(result, "result");
    }

    public boolean isOk() {
        return result.isSuccess();
    }

    /** The texts of the information lines. */
    public List<String> texts() {
        return lines.stream().map(ResponseLine::text).toList();
    }

    /** The first information line starting with the prefix, if any. */
    public Optional<ResponseLine> line(String prefix) {
        return lines.stream().filter(l -> l.text().startsWith(prefix)).findFirst();
    }

    /** The payloads carried by the response, in order (empty when none). */
    public List<byte[]> payloads() {
        return lines.stream().filter(ResponseLine::hasPayload).map(ResponseLine::payload).toList();
    }

    /** The transparent-mode session when the result was {@code CONNECT}. */
    public Optional<DataSession> session() {
        return Optional.ofNullable(dataSession);
    }

    /**
     * Returns this response when it succeeded.
     *
     * @throws AtCommandFailedException naming the command and the result otherwise
     */
    public AtResponse requireOk() throws AtCommandFailedException {
        if (!isOk()) {
            throw new AtCommandFailedException(this);
        }
        return this;
    }
}
