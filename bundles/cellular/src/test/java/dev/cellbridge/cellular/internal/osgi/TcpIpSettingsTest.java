package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.TcpIpOptions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TCP/IP options configuration: the note's defaults and every range boundary, named by attribute. */
class TcpIpSettingsTest {

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(key, value);
        return properties;
    }

    @Test
    void defaultsAreTheModulesDefaults() {
        TcpIpSettings s = TcpIpSettings.from(Map.of());
        assertThat(s.options()).isEqualTo(TcpIpOptions.DEFAULTS);
        assertThat(s.modemTarget()).isEqualTo("(modem.name=modem)");
    }

    @ParameterizedTest(name = "{0} ({1}) accepts {2}–{3}")
    @CsvSource({
        "transparent.packet.size, transpktsize, 1, 1460",
        "transparent.wait.time, transwaittm, 0, 20",
        "view.mode, viewmode, 0, 1",
        "tcp.retransmission.backoffs, tcp/retranscfg max_backoffs, 3, 20",
        "tcp.retransmission.rto, tcp/retranscfg max_rto, 5, 1000",
        "send.timeout, qisend/timeout, 0, 3600",
        "tcp.keepalive.idle, tcp/keepalive idle_time, 1, 1800",
        "tcp.keepalive.interval, tcp/keepalive interval_time, 25, 100",
        "tcp.keepalive.probes, tcp/keepalive probe_cnt, 3, 10",
        "prompt.format, formatcfg, 0, 1",
    })
    void integerBoundaries(String attribute, String option, int min, int max) {
        assertThat(TcpIpSettings.from(with(attribute, min)).options()).isNotNull();
        assertThat(TcpIpSettings.from(with(attribute, Integer.toString(max))).options()).isNotNull();
        assertThatThrownBy(() -> TcpIpSettings.from(with(attribute, min - 1)))
                .isInstanceOf(BadAttributeException.class)
                .hasMessage("attribute '" + attribute + "': QICFG " + option + " " + (min - 1) + " is out of range " + min + "–" + max);
        assertThatThrownBy(() -> TcpIpSettings.from(with(attribute, (long) max + 1)))
                .isInstanceOf(BadAttributeException.class)
                .hasMessage("attribute '" + attribute + "': QICFG " + option + " " + (max + 1) + " is out of range " + min + "–" + max);
    }

    @Test
    void everyAttributeReachesItsOption() {
        Map<String, Object> p = new HashMap<>();
        p.put("transparent.packet.size", 1460);
        p.put("transparent.wait.time", 20);
        p.put("data.format.send", "hex");
        p.put("data.format.receive", "HEX");
        p.put("view.mode", 1);
        p.put("tcp.retransmission.backoffs", 3);
        p.put("tcp.retransmission.rto", 1000);
        p.put("dns.cache", false);
        p.put("send.timeout", 3600);
        p.put("tcp.passive.close", true);
        p.put("tcp.accept", "false");
        p.put("tcp.keepalive.enable", true);
        p.put("tcp.keepalive.idle", 1800);
        p.put("tcp.keepalive.interval", 100);
        p.put("tcp.keepalive.probes", 10);
        p.put("recv.indication", true);
        p.put("close.urc", true);
        p.put("send.info", true);
        p.put("prompt.format", 1);
        p.put("Modem.target", "(modem.name=m2)");
        TcpIpSettings s = TcpIpSettings.from(p);
        assertThat(s.options()).isEqualTo(new TcpIpOptions(1460, 20, true, true, 1, 3, 1000, false, 3600, true, false,
                new TcpIpOptions.Keepalive(true, 1800, 100, 10), true, true, true, 1));
        assertThat(s.options().commands()).contains("AT+QICFG=\"dataformat\",1,1", "AT+QICFG=\"dns/cache\",1",
                "AT+QICFG=\"tcp/keepalive\",1,1800,100,10", "AT+QICFG=\"tcp/retranscfg\",3,1000");
        assertThat(s.modemTarget()).isEqualTo("(modem.name=m2)");
    }

    @Test
    void badFormsAreNamed() {
        assertThatThrownBy(() -> TcpIpSettings.from(with("data.format.send", "binary")))
                .hasMessage("attribute 'data.format.send' is 'binary'; allowed: one of text, hex");
        assertThatThrownBy(() -> TcpIpSettings.from(with("dns.cache", "0")))
                .hasMessage("attribute 'dns.cache' is '0'; allowed: true or false");
        assertThatThrownBy(() -> TcpIpSettings.from(with("Modem.target", "(modem.name=m")))
                .hasMessage("attribute 'Modem.target' is '(modem.name=m'; allowed: an OSGi filter such as (modem.name=modem)");
        assertThatThrownBy(() -> TcpIpSettings.from(with("tcp.keepalive.idle", "1h")))
                .hasMessage("attribute 'tcp.keepalive.idle' is '1h'; allowed: a whole number");
    }
}
