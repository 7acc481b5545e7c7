package dev.cellbridge.cellular;

/**
 * {@code AT+QISEND=<id>,0}: {@code +QISEND: <total_send_length>,<ackedbytes>,<unackedbytes>}. SEND OK only
 * means the module took the data; {@code unacked} tells what the peer has not acknowledged yet.
 */
public record SendTotals(long sent, long acknowledged, long unacknowledged) {
}
