package dev.cellbridge.simulator.internal;

/** One PDP context (1-5) as configured by QICSGP and activated by QIACT. Guarded by the modem lock. */
final class PdpContext {
    final int id;
    int type = 1;
    String apn = "";
    String username = "";
    String password = "";
    int authentication;
    boolean active;
    String ipv4 = "0.0.0.0";
    String ipv6 = "::";
    String primaryDns = "";
    String secondaryDns = "";

    PdpContext(int id) {
        this.id = id;
    }

    /** The address fields of QIACT? / QIACTEX: {@code <type>,"<v4>"}, {@code <type>,"<v6>"} or both. */
    String addressFields() {
        return switch (type) {
            case 2 -> "2,\"" + ipv6 + "\"";
            case 3 -> "3,\"" + ipv4 + "\",\"" + ipv6 + "\"";
            default -> "1,\"" + ipv4 + "\"";
        };
    }
}
