package dev.cellbridge.simulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 14 AT+QICFG options with the spec's ranges and defaults (2.3.1). Not saved: a reboot makes a new one.
 * Guarded by the modem lock.
 */
final class TcpIpConfig {

    /** One numeric field of an option: its range, whether the test command prints it as a list, its default. */
    private record Field(int min, int max, boolean list, int dflt) {
        String range() {
            return list ? "(" + min + "," + max + ")" : "(" + min + "-" + max + ")";
        }
    }

    private static final Map<String, Field[]> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("transpktsize", new Field[] {new Field(1, 1460, false, 1024)});
        OPTIONS.put("transwaittm", new Field[] {new Field(0, 20, false, 2)});
        OPTIONS.put("dataformat", new Field[] {new Field(0, 1, true, 0), new Field(0, 1, true, 0)});
        OPTIONS.put("viewmode", new Field[] {new Field(0, 1, true, 0)});
        OPTIONS.put("tcp/retranscfg", new Field[] {new Field(3, 20, false, 8), new Field(5, 1000, false, 600)});
        OPTIONS.put("dns/cache", new Field[] {new Field(0, 1, true, 0)});
        OPTIONS.put("qisend/timeout", new Field[] {new Field(0, 3600, false, 0)});
        OPTIONS.put("passiveclosed", new Field[] {new Field(0, 1, true, 0)});
        OPTIONS.put("tcp/accept", new Field[] {new Field(0, 1, true, 1)});
        OPTIONS.put("tcp/keepalive", new Field[] {new Field(0, 1, true, 0), new Field(1, 1800, false, 60),
            new Field(25, 100, false, 25), new Field(3, 10, false, 3)});
        OPTIONS.put("recvind", new Field[] {new Field(0, 1, true, 0)});
        OPTIONS.put("close/mode", new Field[] {new Field(0, 1, true, 0)});
        OPTIONS.put("sendinfo", new Field[] {new Field(0, 1, true, 0)});
        OPTIONS.put("formatcfg", new Field[] {new Field(0, 1, true, 0)});
    }

    private final Map<String, int[]> values = new LinkedHashMap<>();

    TcpIpConfig() {
        OPTIONS.forEach((name, fields) -> {
            int[] v = new int[fields.length];
            for (int i = 0; i < fields.length; i++) {
                v[i] = fields[i].dflt();
            }
            values.put(name, v);
        });
    }

    int get(String name) {
        return values.get(name)[0];
    }

    int get(String name, int index) {
        return values.get(name)[index];
    }

    /** The information text of the test command: a line per option with its ranges. */
    static String testText() {
        StringBuilder sb = new StringBuilder();
        OPTIONS.forEach((name, fields) -> {
            if (sb.length() > 0) {
                sb.append("\r\n");
            }
            sb.append("+QICFG: \"").append(name).append('"');
            for (Field f : fields) {
                sb.append(',').append(f.range());
            }
        });
        return sb.toString();
    }

    /** AT+QICFG="name"[,values]: a query (adds the line to the reply) or a set. */
    void write(AtCommand cmd, Reply reply) {
        String name = cmd.string(0, "<option>").toLowerCase(java.util.Locale.ROOT);
        Field[] fields = OPTIONS.get(name);
        if (fields == null) {
            throw AtException.invalid("unknown QICFG option \"" + name + "\"");
        }
        int given = cmd.count() - 1;
        if (given == 0) {
            StringBuilder sb = new StringBuilder("+QICFG: \"").append(name).append('"');
            for (int v : values.get(name)) {
                sb.append(',').append(v);
            }
            reply.line(sb.toString());
            return;
        }
        boolean partialKeepalive = name.equals("tcp/keepalive") && given == 1;
        if (given != fields.length && !partialKeepalive) {
            throw AtException.invalid("QICFG \"" + name + "\" takes " + fields.length + " value(s), got " + given);
        }
        int[] next = values.get(name).clone();
        for (int i = 0; i < given; i++) {
            next[i] = cmd.integer(i + 1, fields[i].min(), fields[i].max(), "QICFG \"" + name + "\" value " + (i + 1));
        }
        values.put(name, next);
    }
}
