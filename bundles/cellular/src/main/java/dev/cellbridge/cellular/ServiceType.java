package dev.cellbridge.cellular;

/** Socket service types ({@code <service_type>}). */
public enum ServiceType {
    TCP("TCP"),
    UDP("UDP"),
    TCP_LISTENER("TCP LISTENER"),
    /** A connection accepted by a TCP LISTENER; never opened by the host. */
    TCP_INCOMING("TCP INCOMING"),
    UDP_SERVICE("UDP SERVICE");

    private final String text;

    ServiceType(String text) {
        this.text = text;
    }

    /** As the module spells it, without quotes. */
    public String text() {
        return text;
    }

    /** @throws IllegalArgumentException for a name the note does not define */
    public static ServiceType of(String text) {
        for (ServiceType t : values()) {
            if (t.text.equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown service_type \"" + text + "\"");
    }
}
