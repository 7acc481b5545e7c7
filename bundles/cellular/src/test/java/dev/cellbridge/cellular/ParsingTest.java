package dev.cellbridge.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.at.Urc;
import dev.cellbridge.cellular.internal.Parsers;
import dev.cellbridge.cellular.internal.UrcParser;
import org.junit.jupiter.api.Test;

/** URCs and answers as the application note prints them, parsed into records. */
class ParsingTest {

    private static CellularEvent urc(String line) {
        return UrcParser.parse(new Urc(line, null));
    }

    @Test
    void everyUrcForm() {
        assertThat(urc("+QIURC: \"closed\",0")).isEqualTo(new CellularEvent.Closed("+QIURC: \"closed\",0", 0));
        assertThat(urc("+QIURC: \"recv\",0")).isEqualTo(new CellularEvent.Recv("+QIURC: \"recv\",0", 0, -1, null, null, 0));
        assertThat(urc("+QIURC: \"recv\",0,5")).isEqualTo(new CellularEvent.Recv("+QIURC: \"recv\",0,5", 0, 5, null, null, 0));
        byte[] data = {'A', 'A', 'A', 'A'};
        assertThat(UrcParser.parse(new Urc("+QIURC: \"recv\",2,4,\"10.7.76.34\",7687", data))).isEqualTo(
                new CellularEvent.Recv("+QIURC: \"recv\",2,4,\"10.7.76.34\",7687", 2, 4, data, "10.7.76.34", 7687));
        assertThat(urc("+QIURC: \"incoming\",11,1,\"172.31.242.222\",54091")).isEqualTo(
                new CellularEvent.Incoming("+QIURC: \"incoming\",11,1,\"172.31.242.222\",54091", 11, 1, "172.31.242.222", 54091));
        assertThat(urc("+QIURC: \"incoming full\"")).isEqualTo(new CellularEvent.IncomingFull("+QIURC: \"incoming full\"", -1));
        assertThat(urc("+QIURC: \"incoming full\",1")).isEqualTo(new CellularEvent.IncomingFull("+QIURC: \"incoming full\",1", 1));
        assertThat(urc("+QIURC: \"pdpdeact\",1")).isEqualTo(new CellularEvent.PdpDeactivated("+QIURC: \"pdpdeact\",1", 1));
        assertThat(urc("+QIOPEN: 0,0")).isEqualTo(new CellularEvent.Opened("+QIOPEN: 0,0", 0, 0));
        assertThat(((CellularEvent.Opened) urc("+QIOPEN: 1,566")).quectelError()).contains(QuectelError.SOCKET_CONNECT_FAILED);
        assertThat(urc("+QIACTEX: 1,0,1,\"10.7.157.1\"")).isEqualTo(new CellularEvent.ContextActivated(
                "+QIACTEX: 1,0,1,\"10.7.157.1\"", 1, 0, new PdpContextState(1, true, ContextType.IPV4, "10.7.157.1", null)));
        assertThat(urc("+QIACTEX: 1,561")).isEqualTo(new CellularEvent.ContextActivated("+QIACTEX: 1,561", 1, 561, null));
        assertThat(urc("+QIDEACTEX: 1,0")).isEqualTo(new CellularEvent.ContextDeactivated("+QIDEACTEX: 1,0", 1, 0));
        assertThat(urc("+QPING: 0,\"61.135.169.125\",32,192,255")).isEqualTo(new CellularEvent.Ping(
                "+QPING: 0,\"61.135.169.125\",32,192,255", new PingLine.Reply(0, "61.135.169.125", 32, 192, 255)));
        assertThat(urc("+QPING: 0,4,4,0,192,479,288")).isEqualTo(new CellularEvent.Ping(
                "+QPING: 0,4,4,0,192,479,288", new PingLine.Summary(0, 4, 4, 0, 192, 479, 288)));
        assertThat(urc("+CREG: 1")).isEqualTo(new CellularEvent.Other("+CREG: 1"));
    }

    @Test
    void malformedUrcsAreKeptAsOther() {
        assertThat(urc("+QIURC: \"closed\",x")).isEqualTo(new CellularEvent.Other("+QIURC: \"closed\",x"));
        assertThat(urc("+QIOPEN: 0")).isEqualTo(new CellularEvent.Other("+QIOPEN: 0"));
        assertThat(urc("+QIURC:")).isEqualTo(new CellularEvent.Other("+QIURC:"));
    }

    @Test
    void socketStateLines() {
        assertThat(Parsers.socketState("+QISTATE: 1,\"TCP LISTENER\",\"127.0.0.1\",0,2020,3,1,1,0,\"usbmodem\""))
                .isEqualTo(new SocketState(1, ServiceType.TCP_LISTENER, "127.0.0.1", 0, 2020, SocketStatus.LISTENING, 1, 1,
                        AccessMode.BUFFER, "usbmodem"));
        assertThatThrownBy(() -> Parsers.socketState("+QISTATE: 1,\"TCP\""))
                .hasMessageContaining("malformed +QISTATE line").hasMessageContaining("10 fields");
    }

    @Test
    void contextLines() {
        assertThat(Parsers.contextState("+QIACT: 1,1,3,\"10.7.157.1\",\"2001:db8::1\""))
                .isEqualTo(new PdpContextState(1, true, ContextType.IPV4V6, "10.7.157.1", "2001:db8::1"));
        assertThat(Parsers.contextState("+QIACT: 2,1,2,\"2001:db8::2\""))
                .isEqualTo(new PdpContextState(2, true, ContextType.IPV6, null, "2001:db8::2"));
    }

    @Test
    void errorCodesAndDescriptions() {
        assertThat(QuectelError.parse("+QIGETERROR: 552, invalid parameters")).isEqualTo(QuectelError.INVALID_PARAMETERS);
        assertThat(QuectelError.parse("+QIGETERROR: 0,Operation success")).isEqualTo(QuectelError.OPERATION_SUCCESS);
        assertThat(QuectelError.CANCEL_SENDING.code()).isEqualTo(571);
        assertThat(QuectelError.CANCEL_SENDING.description()).isEqualTo("Cancel sending");
        assertThat(QuectelError.values()).hasSize(26);
        for (int code = 550; code <= 574; code++) {
            assertThat(QuectelError.of(code)).as("code " + code).isPresent();
        }
        assertThatThrownBy(() -> QuectelError.parse("+QIGETERROR: 999,x")).hasMessageContaining("unknown TCP/IP error code 999");
    }

    @Test
    void socketSpecsAreValidated() {
        assertThat(SocketSpec.tcp(1, "220.180.239.212", 8009).command(0))
                .isEqualTo("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0");
        assertThat(SocketSpec.tcpListener(1, 2020).command(1))
                .isEqualTo("AT+QIOPEN=1,1,\"TCP LISTENER\",\"127.0.0.1\",0,2020,0,11");
        assertThat(SocketSpec.udpService(1, 3030).command(2)).isEqualTo("AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0,3030,0");
        assertThatThrownBy(() -> SocketSpec.tcp(1, "h", 0)).hasMessage("TCP needs a remote port (1–65535)");
        assertThatThrownBy(() -> SocketSpec.tcp(1, "h", 65536)).hasMessage("remote_port 65536 is out of range 0–65535");
        assertThatThrownBy(() -> SocketSpec.tcpListener(1, 2020).withMaxClients(12)).hasMessage("TCP_client_maxnum 12 is out of range 0–11");
        assertThatThrownBy(() -> SocketSpec.tcp(1, "h", 80).withConnectTimeout(9)).hasMessage("connect_timeout 9 is out of range 10–150 (or 0)");
        assertThatThrownBy(() -> SocketSpec.tcp(1, "a b", 80)).hasMessageContaining("remote host");
    }

    @Test
    void qicfgCommands() {
        assertThat(TcpIpOptions.DEFAULTS.commands()).containsExactly(
                "AT+QICFG=\"transpktsize\",1024", "AT+QICFG=\"transwaittm\",2", "AT+QICFG=\"dataformat\",0,0",
                "AT+QICFG=\"viewmode\",0", "AT+QICFG=\"tcp/retranscfg\",8,600", "AT+QICFG=\"dns/cache\",0",
                "AT+QICFG=\"qisend/timeout\",0", "AT+QICFG=\"passiveclosed\",0", "AT+QICFG=\"tcp/accept\",1",
                "AT+QICFG=\"tcp/keepalive\",0,60,25,3", "AT+QICFG=\"recvind\",0", "AT+QICFG=\"close/mode\",0",
                "AT+QICFG=\"sendinfo\",0", "AT+QICFG=\"formatcfg\",0");
    }
}
