package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed input gets an error naming the problem, and nothing reaches the module. One simulator and relay serve the
 * whole class (every case is answered before the next is sent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedCommandsTest extends RelayTestBase {

    private SimModem m;
    private RelayOptions o;
    private MqttProbe probe;
    private Relay relay;

    @BeforeAll
    void start() throws Exception {
        m = new SimModem("modem");
        String id = unique("gw");
        o = RelayOptions.defaults(id, brokerDir.resolve("outbox-" + id));
        probe = new MqttProbe(broker.url(), unique("probe"), o.prefix() + "#", 1, false);
        relay = new Relay(o, mqtt(o, true), () -> eventAdmin, null);
        probe.await(x -> x.topic().equals(o.prefix() + "state"));
        relay.addModem("modem", m.modem, "UP");
    }

    @BeforeEach
    void forgetEarlierMessages() {
        probe.messages.clear();
    }

    @AfterAll
    void stop() {
        relay.close();
        probe.close();
        m.close();
    }

    private JsonObject ask(String op, String body, String requestId) throws Exception {
        probe.publish(o.prefix() + "cmd/" + op, body);
        JsonObject reply = probe.await(o.prefix() + "reply/" + requestId).json();
        assertThat(reply.get("ok").getAsBoolean()).as(reply.toString()).isFalse();
        assertThat(reply.get("requestId").getAsString()).isEqualTo(requestId);
        assertThat(reply.get("op").getAsString()).isEqualTo(op);
        return reply;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "frobnicate|{\"requestId\":\"a1\"}|unknown op \"frobnicate\" (known: open, close, send, read, ping, state, contexts, config, at)",
        "open|{\"requestId\":\"a2\",\"host\":\"h\",\"port\":1}|serviceType is missing (one of TCP, UDP, TCP LISTENER, UDP SERVICE)",
        "open|{\"requestId\":\"a3\",\"serviceType\":\"SCTP\",\"host\":\"h\",\"port\":1}|serviceType must be one of TCP, UDP, TCP LISTENER, UDP SERVICE: \"SCTP\"",
        "open|{\"requestId\":\"a4\",\"serviceType\":\"TCP\",\"host\":\"h\",\"port\":70000}|port 70000 is out of range 1–65535",
        "open|{\"requestId\":\"a5\",\"serviceType\":\"TCP\",\"host\":\"h\",\"port\":\"80\"}|port must be an integer 1–65535, not the string \"80\"",
        "open|{\"requestId\":\"a6\",\"serviceType\":\"TCP\",\"host\":\"h\",\"port\":8.5}|port must be an integer 1–65535, not 8.5",
        "open|{\"requestId\":\"a7\",\"serviceType\":\"TCP\",\"port\":80}|host is missing (a string)",
        "open|{\"requestId\":\"a8\",\"serviceType\":\"TCP\",\"host\":\"h\",\"port\":80,\"contextId\":6}|contextId 6 is out of range 1–5",
        "open|{\"requestId\":\"a9\",\"serviceType\":\"TCP\",\"host\":\"h\",\"port\":80,\"accessMode\":\"transparent\"}|accessMode must be one of buffer, push: \"transparent\"",
        "open|{\"requestId\":\"b1\",\"serviceType\":\"TCP\",\"host\":\"h\",\"port\":80,\"colour\":1}|unknown field \"colour\" for op open (known: accessMode, connectTimeout, contextId, host, localPort, maxClients, port, rx, serviceType)",
        "open|{\"requestId\":\"b2\",\"serviceType\":\"TCP\",\"host\":\"a b\",\"port\":80}|remote host must be an IP address or domain name of 1–256 bytes without quotes or spaces: \"a b\"",
        "close|{\"requestId\":\"b3\",\"connectId\":3}|connectId 3 is not a socket the relay opened",
        "close|{\"requestId\":\"b4\",\"connectId\":-1}|connectId -1 is out of range 0–11",
        "send|{\"requestId\":\"b5\",\"connectId\":0}|give exactly one of data (base64) and text (UTF-8)",
        "send|{\"requestId\":\"b6\",\"connectId\":0,\"data\":\"***\"}|data is not valid base64: Illegal base64 character 2a",
        "send|{\"requestId\":\"b7\",\"connectId\":0,\"text\":\"x\",\"data\":\"eA==\"}|give exactly one of data (base64) and text (UTF-8)",
        "read|{\"requestId\":\"b8\",\"connectId\":0,\"maxBytes\":0}|maxBytes 0 is out of range 1–65536",
        "ping|{\"requestId\":\"b9\",\"host\":\"h\",\"count\":11}|count 11 is out of range 1–10",
        "ping|{\"requestId\":\"c1\",\"host\":true}|host must be a string, not a boolean",
        "contexts|{\"requestId\":\"c2\",\"action\":\"activate\"}|contextId is missing (an integer 1–5)",
        "contexts|{\"requestId\":\"c3\",\"action\":\"explode\",\"contextId\":1}|action must be one of list, activate, deactivate: \"explode\"",
        "config|{\"requestId\":\"c4\",\"action\":\"get\",\"pid\":\"x\"}|configuration is not available here (no ConfigurationAdmin)",
        "at|{\"requestId\":\"c5\",\"command\":\"AT+QPOWD\"}|raw AT over MQTT is disabled (configuration at.enabled)",
        "state|{\"requestId\":\"c6\",\"verbose\":true}|unknown field \"verbose\" for op state (known: )",
        "open|{\"requestId\":\"c7\",\"serviceType\":\"TCP\",\"host\":\"h\",\"port\":1e99999999999}|port must be an integer 1–65535, not 1e99999999999",
        "open|{\"requestId\":\"c8\",\"serviceType\":\"TCP\",\"host\":\"h\",\"port\":1e5}|port 100000 is out of range 1–65535",
    })
    void aBadCommandIsAnsweredWithTheProblemAndNothingReachesTheModule(String op, String body, String error)
            throws Exception {
        long commands = m.channel.statistics().commands();
        JsonObject reply = ask(op, body, body.substring(14, 16));
        assertThat(reply.get("error").getAsString()).isEqualTo(error);
        assertThat(m.channel.statistics().commands()).isEqualTo(commands);
    }

    @Test
    void bodiesWithoutAUsableRequestIdAreAnsweredOnTheErrorTopic() throws Exception {
        long commands = m.channel.statistics().commands();
        List<String[]> cases = List.of(
                new String[] {"open", "{not json", "body is not valid JSON: "},
                new String[] {"open", "[1,2]", "body must be a JSON object, not an array"},
                new String[] {"open", "{\"serviceType\":\"TCP\"}", "requestId is missing"},
                new String[] {"open", "{\"requestId\":7}", "requestId must be a string, not the number 7"},
                new String[] {"open", "{\"requestId\":\"a/b\"}", "requestId must be 1–64 characters of A-Z a-z 0-9 . _ : - "
                        + "starting with a letter or digit: \"a/b\""});
        for (String[] c : cases) {
            probe.publish(o.prefix() + "cmd/" + c[0], c[1]);
        }
        await(() -> probe.on(o.prefix() + "error").size() == cases.size());
        List<MqttProbe.Received> errors = probe.on(o.prefix() + "error");
        for (int i = 0; i < cases.size(); i++) {
            JsonObject e = errors.get(i).json();
            assertThat(e.get("ok").getAsBoolean()).isFalse();
            assertThat(e.get("topic").getAsString()).isEqualTo("cmd/open");
            assertThat(e.get("error").getAsString()).startsWith(cases.get(i)[2]);
        }
        assertThat(m.channel.statistics().commands()).isEqualTo(commands);
    }

    @Test
    void oversizePayloadsAreRefused() throws Exception {
        StringBuilder big = new StringBuilder("{\"requestId\":\"big\",\"text\":\"");
        big.append("x".repeat(o.maxPayload()));
        big.append("\"}");
        probe.publish(o.prefix() + "cmd/send", big.toString());
        JsonObject e = probe.await(o.prefix() + "error").json();
        assertThat(e.get("error").getAsString()).isEqualTo("payload of " + big.length()
                + " bytes exceeds the limit of " + o.maxPayload() + " bytes");
        probe.publish(o.prefix() + "socket/0/tx", new byte[o.maxPayload() + 1]);
        await(() -> probe.on(o.prefix() + "error").size() == 2);
        assertThat(probe.on(o.prefix() + "error").get(1).json().get("error").getAsString())
                .isEqualTo("payload of " + (o.maxPayload() + 1) + " bytes exceeds the limit of " + o.maxPayload()
                        + " bytes");
    }

    @Test
    void txToASocketTheRelayDidNotOpenIsAnError() throws Exception {
        long commands = m.channel.statistics().commands();
        probe.publish(o.prefix() + "socket/4/tx", "data".getBytes(StandardCharsets.US_ASCII));
        probe.publish(o.prefix() + "socket/x/tx", "data".getBytes(StandardCharsets.US_ASCII));
        await(() -> probe.on(o.prefix() + "error").size() == 2);
        assertThat(probe.on(o.prefix() + "error").get(0).json().get("error").getAsString())
                .isEqualTo("connectId 4 is not a socket the relay opened");
        assertThat(probe.on(o.prefix() + "error").get(0).json().get("topic").getAsString()).isEqualTo("socket/4/tx");
        assertThat(probe.on(o.prefix() + "error").get(1).json().get("error").getAsString())
                .isEqualTo("connectId \"x\" is not a number");
        assertThat(m.channel.statistics().commands()).isEqualTo(commands);
    }
}
