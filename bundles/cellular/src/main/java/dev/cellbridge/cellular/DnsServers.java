package dev.cellbridge.cellular;

/**
 * The DNS servers of a context ({@code AT+QIDNSCFG}).
 *
 * @param contextId 1–5
 * @param primary   primary server address
 * @param secondary secondary server address
 */
public record DnsServers(int contextId, String primary, String secondary) {
}
