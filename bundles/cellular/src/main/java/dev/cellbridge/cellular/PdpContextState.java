package dev.cellbridge.cellular;

import java.util.Optional;

/**
 * A context as {@code AT+QIACT?} (or {@code +QIACTEX} with view mode 1) reports it.
 *
 * @param contextId 1–5
 * @param active    whether the context is activated
 * @param type      its protocol type
 * @param ipv4      its IPv4 address, or null
 * @param ipv6      its IPv6 address, or null
 */
public record PdpContextState(int contextId, boolean active, ContextType type, String ipv4, String ipv6) {

    public Optional<String> ipv4Address() {
        return Optional.ofNullable(ipv4);
    }

    public Optional<String> ipv6Address() {
        return Optional.ofNullable(ipv6);
    }
}
