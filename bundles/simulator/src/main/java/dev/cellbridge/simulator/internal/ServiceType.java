package dev.cellbridge.simulator.internal;

/** The socket service types of QIOPEN / QISTATE. */
enum ServiceType {
    TCP("TCP"), UDP("UDP"), TCP_LISTENER("TCP LISTENER"), TCP_INCOMING("TCP INCOMING"), UDP_SERVICE("UDP SERVICE");

    final String label;

    ServiceType(String label) {
        this.label = label;
    }

    static ServiceType ofOpen(String label) {
        for (ServiceType t : values()) {
            if (t != TCP_INCOMING && t.label.equals(label)) {
                return t;
            }
        }
        throw AtException.invalid("unknown service type \"" + label + "\"");
    }

    boolean stream() {
        return this == TCP || this == TCP_INCOMING;
    }
}
