package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cmd/at}: off by default; when on, only the allow-list's prefixes run. */
class RawAtTest extends RelayTestBase {

    @Test
    void offByDefault() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options(unique("gw"));
        assertThat(o.atEnabled()).isFalse();
        MqttProbe probe = probe(o.prefix() + "#");
        relayOn(m, o, probe);
        long commands = m.channel.statistics().commands();
        probe.publish(o.prefix() + "cmd/at", "{\"requestId\":\"at1\",\"command\":\"ATI\"}");
        JsonObject reply = probe.await(o.prefix() + "reply/at1").json();
        assertThat(reply.get("ok").getAsBoolean()).isFalse();
        assertThat(reply.get("error").getAsString()).isEqualTo("raw AT over MQTT is disabled (configuration at.enabled)");
        assertThat(m.channel.statistics().commands()).isEqualTo(commands);
    }

    @Test
    void whenOnOnlyAllowedPrefixesRun() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options(unique("gw")).withAt(true, List.of("AT+QISTATE", "ATI"));
        MqttProbe probe = probe(o.prefix() + "#");
        relayOn(m, o, probe);

        probe.publish(o.prefix() + "cmd/at", "{\"requestId\":\"at2\",\"command\":\"at+qiact?\"}");
        JsonObject refused = probe.await(o.prefix() + "reply/at2").json();
        assertThat(refused.get("error").getAsString())
                .isEqualTo("command \"at+qiact?\" is not allowed (allowed prefixes: AT+QISTATE, ATI)");

        probe.publish(o.prefix() + "cmd/at", "{\"requestId\":\"at3\",\"command\":\"ATI\\r\\nAT+QPOWD\"}");
        assertThat(probe.await(o.prefix() + "reply/at3").json().get("error").getAsString())
                .isEqualTo("command must be one line of printable characters");

        probe.publish(o.prefix() + "cmd/at", "{\"requestId\":\"at4\",\"command\":\"AT+QISTATE?\"}");
        JsonObject ok = probe.await(o.prefix() + "reply/at4").json();
        assertThat(ok.get("ok").getAsBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.getAsJsonObject("result").get("result").getAsString()).isEqualTo("OK");
        assertThat(ok.getAsJsonObject("result").get("command").getAsString()).isEqualTo("AT+QISTATE?");
        assertThat(ok.getAsJsonObject("result").get("cmeError").isJsonNull()).isTrue();
    }
}
