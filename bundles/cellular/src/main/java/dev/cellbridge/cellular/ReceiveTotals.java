package dev.cellbridge.cellular;

/** {@code AT+QIRD=<id>,0}: {@code +QIRD: <total_receive_length>,<have_read_length>,<unread_length>}. */
public record ReceiveTotals(long received, long read, long unread) {
}
