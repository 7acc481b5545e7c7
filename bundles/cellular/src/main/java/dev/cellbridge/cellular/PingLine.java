package dev.cellbridge.cellular;

/** One {@code +QPING:} line (application note §2.3.13): a reply or the summary. */
public sealed interface PingLine {

    /**
     * {@code +QPING: <result>[,<IP_address>,<bytes>,<time>,<ttl>]}: one request; when {@code result} is not 0 it
     * failed (a chapter-4 error) and the other fields are empty.
     */
    record Reply(int result, String address, int bytes, int timeMs, int ttl) implements PingLine {
        public boolean succeeded() {
            return result == 0;
        }
    }

    /**
     * {@code +QPING: <finresult>[,<sent>,<rcvd>,<lost>,<min>,<max>,<avg>]}: the end of the ping; when
     * {@code result} is not 0 the ping could not run (a chapter-4 error) and the counts are 0.
     */
    record Summary(int result, int sent, int received, int lost, int minMs, int maxMs, int avgMs)
            implements PingLine {
        public boolean succeeded() {
            return result == 0;
        }
    }
}
