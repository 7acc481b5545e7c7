package dev.cellbridge.cli.internal;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.Urc;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Commands whose OK only means "started": the outcome comes later as a URC ({@code +QIOPEN: <id>,<err>},
 * {@code +QIACTEX: <ctx>,<err>...}, {@code +QIDEACTEX: <ctx>,<err>}). The command line waits for it
 * before the next command, as the application note tells a host to.
 */
final class AsyncCompletion {

    private final String prefix;
    private final CompletableFuture<Urc> outcome = new CompletableFuture<>();

    private AsyncCompletion(String prefix) {
        this.prefix = prefix;
    }

    /** The completion to wait for after this command's OK, if it has one. */
    static Optional<AsyncCompletion> of(AtCommand command) {
        String line = command.line();
        int eq = line.indexOf('=');
        if (eq < 0 || line.endsWith("=?")) {
            return Optional.empty();
        }
        List<String> params = List.of(line.substring(eq + 1).split(",", -1));
        return switch (command.name()) {
            // transparent mode (access mode 2) answers CONNECT and reports no +QIOPEN
            case "QIOPEN" -> params.size() >= 2 && !(params.size() >= 7 && params.get(6).trim().equals("2"))
                    ? Optional.of(new AsyncCompletion("+QIOPEN: " + params.get(1).trim() + ","))
                    : Optional.empty();
            case "QIACTEX" -> Optional.of(new AsyncCompletion("+QIACTEX: " + params.get(0).trim() + ","));
            case "QIDEACTEX" -> Optional.of(new AsyncCompletion("+QIDEACTEX: " + params.get(0).trim() + ","));
            default -> Optional.empty();
        };
    }

    /** Feed every URC here; the first matching one completes the wait. */
    void offer(Urc urc) {
        if (urc.line().startsWith(prefix)) {
            outcome.complete(urc);
        }
    }

    String prefix() {
        return prefix;
    }

    CompletableFuture<Urc> outcome() {
        return outcome;
    }

    /** Whether the URC's {@code <err>} (the field after the id) is 0. */
    static boolean succeeded(Urc urc) {
        String[] fields = urc.line().substring(urc.line().indexOf(':') + 1).split(",");
        return fields.length >= 2 && fields[1].trim().equals("0");
    }
}
