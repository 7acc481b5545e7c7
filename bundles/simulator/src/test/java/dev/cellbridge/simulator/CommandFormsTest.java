package dev.cellbridge.simulator;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every TCP/IP command of chapter 2 in each of the four forms of Table 1: the forms the spec defines answer as it
 * prints them (test forms here, read/write/execution forms wherever their behaviour is tested), the forms it does not
 * define answer ERROR with QIGETERROR 552.
 */
class CommandFormsTest extends SimulatorTestBase {
    /** The 14 QICFG options with the defaults of 2.3.1 (enumerations without a printed default start at 0). */
    static final List<String[]> QICFG_DEFAULTS = List.of(
            new String[] {"transpktsize", "1024"}, new String[] {"transwaittm", "2"},
            new String[] {"dataformat", "0,0"}, new String[] {"viewmode", "0"},
            new String[] {"tcp/retranscfg", "8,600"}, new String[] {"dns/cache", "0"},
            new String[] {"qisend/timeout", "0"}, new String[] {"passiveclosed", "0"},
            new String[] {"tcp/accept", "1"}, new String[] {"tcp/keepalive", "0,60,25,3"},
            new String[] {"recvind", "0"}, new String[] {"close/mode", "0"},
            new String[] {"sendinfo", "0"}, new String[] {"formatcfg", "0"});

    static List<Arguments> testForms() {
        return List.of(
                Arguments.of("AT+QICFG=?", "+QICFG: \"transpktsize\",(1-1460)\r\n"
                        + "+QICFG: \"transwaittm\",(0-20)\r\n"
                        + "+QICFG: \"dataformat\",(0,1),(0,1)\r\n"
                        + "+QICFG: \"viewmode\",(0,1)\r\n"
                        + "+QICFG: \"tcp/retranscfg\",(3-20),(5-1000)\r\n"
                        + "+QICFG: \"dns/cache\",(0,1)\r\n"
                        + "+QICFG: \"qisend/timeout\",(0-3600)\r\n"
                        + "+QICFG: \"passiveclosed\",(0,1)\r\n"
                        + "+QICFG: \"tcp/accept\",(0,1)\r\n"
                        + "+QICFG: \"tcp/keepalive\",(0,1),(1-1800),(25-100),(3-10)\r\n"
                        + "+QICFG: \"recvind\",(0,1)\r\n"
                        + "+QICFG: \"close/mode\",(0,1)\r\n"
                        + "+QICFG: \"sendinfo\",(0,1)\r\n"
                        + "+QICFG: \"formatcfg\",(0,1)"),
                Arguments.of("AT+QICSGP=?", "+QICSGP: (1-5),(1-3),<APN>,<username>,<password>,(0-3)"),
                Arguments.of("AT+QIACT=?", "+QIACT: (1-5)"),
                Arguments.of("AT+QIDEACT=?", "+QIDEACT: (1-5)"),
                Arguments.of("AT+QIACTEX=?", "+QIACTEX: (1-5),(0,1)"),
                Arguments.of("AT+QIDEACTEX=?", "+QIDEACTEX: (1-5)"),
                Arguments.of("AT+QIOPEN=?", "+QIOPEN: (1-5),(0-11),(\"TCP\",\"UDP\",\"TCP LISTENER\",\"UDP SERVICE\"),"
                        + "<address_string>,(0-65535),(0-65535),(0-2),(0-11),(10-150)"),
                Arguments.of("AT+QICLOSE=?", "+QICLOSE: (0-11),(0-65535)"),
                Arguments.of("AT+QISTATE=?", "+QISTATE: (0,1),(1-5),(0-11)"),
                Arguments.of("AT+QISEND=?", "+QISEND: (0-11),(0-1460),<remoteIP>,(1-65535)"),
                Arguments.of("AT+QIRD=?", "+QIRD: (0-11),(0-1500)"),
                Arguments.of("AT+QISWTMD=?", "+QISWTMD: (0-11),(0-2)"),
                Arguments.of("AT+QPING=?", "+QPING: (1-5),<host>,(1-255),(1-10),(32-1500)"),
                Arguments.of("AT+QIDNSCFG=?", "+QIDNSCFG: (1-5),<pridnsaddr>,<secdnsaddr>"),
                Arguments.of("AT+QISDE=?", "+QISDE: (0,1)"),
                Arguments.of("AT+QIGETERROR=?", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testForms")
    void testFormPrintsTheRanges(String command, String information) throws IOException {
        host.command(command, (information.isEmpty() ? "" : "\r\n" + information + "\r\n") + OK);
    }

    /** The read and execution forms chapter 2 does not define (and a write form of QIGETERROR). */
    static List<String> undefinedForms() {
        return List.of("AT+QICFG?", "AT+QICFG", "AT+QICSGP?", "AT+QICSGP", "AT+QIACT", "AT+QIDEACT?", "AT+QIDEACT",
                "AT+QIACTEX", "AT+QIDEACTEX?", "AT+QIDEACTEX", "AT+QIOPEN?", "AT+QIOPEN", "AT+QICLOSE?", "AT+QICLOSE",
                "AT+QISEND?", "AT+QISEND", "AT+QIRD?", "AT+QIRD", "AT+QISWTMD?", "AT+QISWTMD", "AT+QPING?",
                "AT+QPING", "AT+QIDNSCFG?", "AT+QIDNSCFG", "AT+QISDE", "AT+QIGETERROR?", "AT+QIGETERROR=1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undefinedForms")
    void undefinedFormAnswersError(String command) throws IOException {
        expectError(command, 552);
    }

    static List<String[]> qicfgDefaults() {
        return QICFG_DEFAULTS;
    }

    @ParameterizedTest(name = "AT+QICFG=\"{0}\" reads {1}")
    @MethodSource("qicfgDefaults")
    void qicfgQueryReadsTheDefault(String option, String values) throws IOException {
        host.command("AT+QICFG=\"" + option + "\"", "\r\n+QICFG: \"" + option + "\"," + values + "\r\n" + OK);
    }
}
