package dev.cellbridge.simulator.internal;

import java.util.function.IntConsumer;

/**
 * The general commands a driver sends besides the TCP/IP set: AT, echo, identification, SIM and registration
 * queries, CMEE, CFUN (with reboot), &D, ATO. Answers are those of a registered RG500U. Runs under the modem lock.
 */
final class GeneralCommands {
    static final String MANUFACTURER = "Quectel";
    static final String MODEL = "RG500U";
    static final String REVISION = "RG500UEAABR03A04M4G";
    static final String IMEI = "869710030002905";
    static final String IMSI = "460011234567890";
    static final String ICCID = "89860121801234567890";
    private static final String[] REG = {"+CREG", "+CGREG", "+CEREG", "+C5GREG"};
    private final Modem m;

    GeneralCommands(Modem modem) {
        this.m = modem;
    }

    /** @return the final result code ("OK", "CONNECT", "NO CARRIER") */
    String execute(AtCommand cmd, Reply r) {
        String name = cmd.name();
        for (int i = 0; i < REG.length; i++) {
            if (REG[i].equals(name)) {
                return registration(cmd, r, i);
            }
        }
        return switch (name) {
            case "E" -> flag(cmd, v -> m.echo = v);
            case "V", "Q", "&C", "&W", "X" -> {
                basicDigit(cmd, 0, 4);
                yield "OK";
            }
            case "Z", "&F" -> {
                if (cmd.kind() != AtCommand.Kind.EXEC && !(cmd.count() == 1 && cmd.params().get(0).equals("0"))) {
                    throw AtException.invalid(name + " takes no value");
                }
                m.echo = true;
                m.cmee = 0;
                m.dtrMode = 2;
                yield "OK";
            }
            case "&D" -> {
                m.dtrMode = cmd.kind() == AtCommand.Kind.EXEC ? 0 : basicDigit(cmd, 0, 2);
                yield "OK";
            }
            case "I" -> {
                basicDigit(cmd, 0, 0);
                r.line(MANUFACTURER).line(MODEL).line("Revision: " + REVISION);
                yield "OK";
            }
            case "O" -> ato();
            case "S3" -> sRegister(cmd, r, 13);
            case "S4" -> sRegister(cmd, r, 10);
            case "+CGMI", "+GMI" -> info(cmd, r, MANUFACTURER);
            case "+CGMM", "+GMM" -> info(cmd, r, MODEL);
            case "+CGMR", "+GMR" -> info(cmd, r, REVISION);
            case "+QGMR" -> info(cmd, r, REVISION + "_01.001.01.001");
            case "+CGSN", "+GSN" -> info(cmd, r, IMEI);
            case "+CIMI" -> info(cmd, r, IMSI);
            case "+QCCID" -> info(cmd, r, "+QCCID: " + ICCID);
            case "+CPIN" -> readOnly(cmd, r, "+CPIN: READY");
            case "+CSQ" -> info(cmd, r, "+CSQ: 24,99");
            case "+CGATT" -> readOnly(cmd, r, "+CGATT: 1");
            case "+COPS" -> readOnly(cmd, r, "+COPS: 0,0,\"CHN-UNICOM\",13");
            case "+QNWINFO" -> info(cmd, r, "+QNWINFO: \"TDD NR5G\",\"46001\",\"NR5G BAND 78\",627264");
            case "+IPR" -> readOnly(cmd, r, "+IPR: " + (m.options.baud() == 0 ? 115200 : m.options.baud()));
            case "+CMEE" -> cmee(cmd, r);
            case "+CFUN" -> cfun(cmd, r);
            case "+QCFG" -> qcfg(cmd, r);
            default -> throw AtException.invalid("unknown command AT" + name);
        };
    }

    private String flag(AtCommand cmd, java.util.function.Consumer<Boolean> set) {
        set.accept(basicDigit(cmd, 0, 1) == 1);
        return "OK";
    }

    /** A basic command's single digit value (omitted means 0). */
    private static int basicDigit(AtCommand cmd, int min, int max) {
        if (cmd.kind() == AtCommand.Kind.EXEC) {
            return 0;
        }
        if (cmd.kind() != AtCommand.Kind.WRITE || cmd.count() != 1) {
            throw AtException.invalid("AT" + cmd.name() + " takes a value " + min + "-" + max);
        }
        return cmd.integer(0, min, max, "AT" + cmd.name() + " value");
    }

    private String sRegister(AtCommand cmd, Reply r, int value) {
        if (cmd.kind() == AtCommand.Kind.READ) {
            r.line(String.format("%03d", value));
            return "OK";
        }
        if (cmd.kind() == AtCommand.Kind.WRITE && cmd.count() == 1 && cmd.integer(0, 0, 127, "S value") == value) {
            return "OK";
        }
        throw AtException.invalid("S3/S4 are fixed at 13/10 in this simulator");
    }

    private static String info(AtCommand cmd, Reply r, String text) {
        if (cmd.kind() == AtCommand.Kind.TEST) {
            return "OK";
        }
        if (cmd.kind() != AtCommand.Kind.EXEC) {
            throw AtException.invalid("AT" + cmd.name() + " is an execution command");
        }
        r.line(text);
        return "OK";
    }

    private static String readOnly(AtCommand cmd, Reply r, String text) {
        switch (cmd.kind()) {
            case READ -> r.line(text);
            case TEST -> { }
            default -> throw AtException.invalid("AT" + cmd.name() + " supports only the read form here");
        }
        return "OK";
    }

    private String registration(AtCommand cmd, Reply r, int index) {
        // registered, home network: only the URC mode <n> is a setting
        return settingUpToTwo(cmd, r, REG[index], m.regModes[index], ",1", v -> m.regModes[index] = v);
    }

    private String cmee(AtCommand cmd, Reply r) {
        return settingUpToTwo(cmd, r, "+CMEE", m.cmee, "", v -> m.cmee = v);
    }

    /** A setting 0-2 with test, read and write forms; the read form prints {@code readSuffix} after the value. */
    private static String settingUpToTwo(AtCommand cmd, Reply r, String name, int current, String readSuffix,
            IntConsumer set) {
        switch (cmd.kind()) {
            case TEST -> r.line(name + ": (0-2)");
            case READ -> r.line(name + ": " + current + readSuffix);
            case WRITE -> {
                if (cmd.count() != 1) {
                    throw AtException.invalid(name + " takes one parameter");
                }
                set.accept(cmd.integer(0, 0, 2, "<n>"));
            }
            default -> throw AtException.invalid(name + " has no execution form");
        }
        return "OK";
    }

    private String cfun(AtCommand cmd, Reply r) {
        switch (cmd.kind()) {
            case TEST -> r.line("+CFUN: (0,1,4),(0,1)");
            case READ -> r.line("+CFUN: " + m.cfun);
            case WRITE -> {
                if (cmd.count() > 2) {
                    throw AtException.invalid("+CFUN takes 1 or 2 parameters");
                }
                int fun = cmd.integer(0, 0, 4, "<fun>");
                if (fun == 2 || fun == 3) {
                    throw AtException.invalid("<fun> must be 0, 1 or 4");
                }
                int rst = cmd.integer(1, 0, 1, 0, "<rst>");
                if (rst == 1) {
                    m.afterReply(m::reboot);
                } else {
                    m.cfun = fun;
                }
            }
            default -> throw AtException.invalid("+CFUN has no execution form");
        }
        return "OK";
    }

    private String qcfg(AtCommand cmd, Reply r) {
        if (cmd.kind() == AtCommand.Kind.TEST) {
            r.line("+QCFG: \"nat\",(0-2)");
            return "OK";
        }
        if (cmd.kind() != AtCommand.Kind.WRITE) {
            throw AtException.invalid("+QCFG needs a setting name");
        }
        String setting = cmd.string(0, "<setting>");
        if (!setting.equalsIgnoreCase("nat")) {
            throw AtException.invalid("AT+QCFG=\"" + setting + "\" is not simulated");
        }
        if (cmd.count() == 1) {
            r.line("+QCFG: \"nat\"," + m.nat);
        } else if (cmd.count() == 2) {
            m.nat = cmd.integer(1, 0, 2, "<nat>");
        } else {
            throw AtException.invalid("+QCFG=\"nat\" takes one value");
        }
        return "OK";
    }

    private String ato() {
        Connection c = m.lastDataConnection;
        if (c != null && m.slots[c.id] == c && c.state == Connection.CONNECTED) {
            m.enterDataMode(c);
            return "CONNECT";
        }
        return "NO CARRIER";
    }
}
