package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** AT, echo, identification and the start-up queries a driver sends; framing details. */
class GeneralCommandsTest extends SimulatorTestBase {

    @Test
    void echoIsOnAfterStartAndFollowsAte() throws IOException {
        try (Simulator other = Simulator.start(SimulatorOptions.defaults());
             HostLink link = new HostLink(other.port())) {
            link.command("AT", "AT\r\r\nOK\r\n");
            link.command("ATE0", "ATE0\r\r\nOK\r\n");
            link.command("AT", OK);
            link.command("ATE1", OK);
            link.command("at", "at\r\r\nOK\r\n");
        }
    }

    @Test
    void identification() throws IOException {
        host.command("ATI", "\r\nQuectel\r\nRG500U\r\nRevision: RG500UEAABR03A04M4G\r\n" + OK);
        host.command("AT+CGMI", "\r\nQuectel\r\n" + OK);
        host.command("AT+CGMM", "\r\nRG500U\r\n" + OK);
        host.command("AT+GMR", "\r\nRG500UEAABR03A04M4G\r\n" + OK);
        host.command("AT+CGSN", "\r\n869710030002905\r\n" + OK);
        host.command("AT+CIMI", "\r\n460011234567890\r\n" + OK);
        host.command("AT+QCCID", "\r\n+QCCID: 89860121801234567890\r\n" + OK);
    }

    @Test
    void startupQueries() throws IOException {
        host.command("AT+CPIN?", "\r\n+CPIN: READY\r\n" + OK);
        host.command("AT+CSQ", "\r\n+CSQ: 24,99\r\n" + OK);
        host.command("AT+CREG?", "\r\n+CREG: 0,1\r\n" + OK);
        host.command("AT+CEREG=2", OK);
        host.command("AT+CEREG?", "\r\n+CEREG: 2,1\r\n" + OK);
        host.command("AT+C5GREG?", "\r\n+C5GREG: 0,1\r\n" + OK);
        host.command("AT+QCFG=\"nat\"", "\r\n+QCFG: \"nat\",0\r\n" + OK);
        host.command("AT+QCFG=\"nat\",1", OK);
        host.command("AT+QCFG=\"nat\"", "\r\n+QCFG: \"nat\",1\r\n" + OK);
        host.command("AT+CFUN?", "\r\n+CFUN: 1\r\n" + OK);
        host.command("AT+CMEE=1", OK);
        host.command("AT+CMEE?", "\r\n+CMEE: 1\r\n" + OK);
        host.command("AT+COPS?", "\r\n+COPS: 0,0,\"CHN-UNICOM\",13\r\n" + OK);
    }

    @Test
    void concatenatedCommandsAnswerOnce() throws IOException {
        host.command("AT+CSQ;+CPIN?", "\r\n+CSQ: 24,99\r\n+CPIN: READY\r\n" + OK);
        host.command("ATE0V1", OK);
    }

    @Test
    void unknownCommandsAndGarbageAnswerErrorOrNothing() throws IOException {
        host.command("AT+NOSUCH", ERROR);
        host.command("ATI5", ERROR);
        // a line not starting with AT is ignored, lone LF ends a line too, CRLF counts once
        host.send("hello\rAT\nAT\r\n");
        host.expect(OK + OK);
        byte[] junk = new byte[5000];
        java.util.Arrays.fill(junk, (byte) 'A');
        host.send(junk);
        host.send("\r");
        host.expect(ERROR);
        host.command("AT", OK);
    }

    @Test
    void backspaceEditsTheLine() throws IOException {
        host.command("AT+CSX\bQ", "\r\n+CSQ: 24,99\r\n" + OK);
    }

    @Test
    void cmeeTurnsTcpIpErrorsIntoCmeErrors() throws IOException {
        host.command("AT+CMEE=1", OK);
        host.command("AT+QIOPEN=1,\"TCP\",\"220.180.239.212\",8009,0,1", "\r\n+CME ERROR: 552\r\n");
        host.command("AT+NOSUCH", ERROR);
    }

    @Test
    void secondHostConnectionIsRefusedAndStateSurvivesReconnect() throws IOException {
        activate();
        try (HostLink second = new HostLink(sim.port())) {
            assertThat(second.closedByPeer()).isTrue();
        }
        host.command("AT", OK);
        host.close();
        // the line is free again once the first host has gone; ATE0 is module state and stays off
        HostLink again = new HostLink(sim.port());
        again.command("AT+QIACT?", "\r\n+QIACT: 1,1,1,\"10.7.157.1\"\r\n" + OK);
        host = again;
    }

    @Test
    void pacedLineCarriesEveryByteAndReportsItsRate() throws IOException {
        try (Simulator paced = Simulator.start(SimulatorOptions.builder().baud(115200).build());
             HostLink link = new HostLink(paced.port())) {
            link.command("ATI", "ATI\r\r\nQuectel\r\nRG500U\r\nRevision: RG500UEAABR03A04M4G\r\n" + OK);
            link.command("AT+IPR?", "AT+IPR?\r\r\n+IPR: 115200\r\n" + OK);
        }
    }
}
