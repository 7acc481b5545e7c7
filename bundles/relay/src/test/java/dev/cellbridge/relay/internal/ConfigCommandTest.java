package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code cmd/config} get and set on a store standing in for ConfigurationAdmin; secrets never come back. */
class ConfigCommandTest extends RelayTestBase {

    /** Configurations in memory. */
    static final class MemoryStore implements ConfigStore {
        final Map<String, Config> configs = new HashMap<>();
        int created;

        @Override
        public List<Config> get(String pid) {
            List<Config> l = new ArrayList<>();
            for (Config c : configs.values()) {
                if (c.pid().equals(pid) || pid.equals(c.factoryPid())) {
                    l.add(c);
                }
            }
            l.sort((a, b) -> a.pid().compareTo(b.pid()));
            return l;
        }

        @Override
        public String set(String pid, String factoryPid, Map<String, Object> properties) {
            String p = pid != null ? pid : factoryPid + ".n" + (++created);
            Config old = configs.get(p);
            Map<String, Object> merged = new HashMap<>(old == null ? Map.of() : old.properties());
            merged.putAll(properties);
            configs.put(p, new Config(p, old != null ? old.factoryPid() : factoryPid, merged));
            return p;
        }
    }

    @Test
    void getLeavesPasswordsOutAndSetMergesAndCreates() throws Exception {
        MemoryStore store = new MemoryStore();
        store.configs.put("dev.cellbridge.cellular.context.a", new ConfigStore.Config("dev.cellbridge.cellular.context.a",
                "dev.cellbridge.cellular.context", Map.of("context.id", 1, "apn", "UNINET", "password", "s3cret",
                        "service.pid", "dev.cellbridge.cellular.context.a")));
        store.configs.put("dev.cellbridge.relay", new ConfigStore.Config("dev.cellbridge.relay", null,
                Map.of("broker.url", "tcp://b:1883", "password", "mqtt-secret", "trust.store.password", "ts")));
        RelayOptions o = options(unique("cfg"));
        MqttProbe probe = probe(o.prefix() + "#");
        relay(o, store, probe);

        probe.publish(o.prefix() + "cmd/config", "{\"requestId\":\"g1\",\"action\":\"get\",\"pid\":"
                + "\"dev.cellbridge.cellular.context\"}");
        MqttProbe.Received got = probe.await(o.prefix() + "reply/g1");
        assertThat(got.text()).doesNotContain("s3cret").doesNotContain("password");
        JsonObject cfg = got.json().getAsJsonObject("result").getAsJsonArray("configurations").get(0).getAsJsonObject();
        assertThat(cfg.get("pid").getAsString()).isEqualTo("dev.cellbridge.cellular.context.a");
        assertThat(cfg.get("factoryPid").getAsString()).isEqualTo("dev.cellbridge.cellular.context");
        assertThat(cfg.getAsJsonObject("properties").get("apn").getAsString()).isEqualTo("UNINET");
        assertThat(cfg.getAsJsonObject("properties").get("context.id").getAsInt()).isEqualTo(1);

        probe.publish(o.prefix() + "cmd/config", "{\"requestId\":\"g2\",\"action\":\"get\",\"pid\":\"dev.cellbridge.relay\"}");
        assertThat(probe.await(o.prefix() + "reply/g2").text()).contains("tcp://b:1883").doesNotContain("mqtt-secret")
                .doesNotContain("\"ts\"");

        probe.publish(o.prefix() + "cmd/config", "{\"requestId\":\"s1\",\"action\":\"set\",\"pid\":"
                + "\"dev.cellbridge.cellular.context.a\",\"properties\":{\"apn\":\"CMNET\",\"password\":\"new\","
                + "\"activate\":true,\"dns\":[\"8.8.8.8\"]}}");
        JsonObject set = probe.await(o.prefix() + "reply/s1").json();
        assertThat(set.get("ok").getAsBoolean()).as(set.toString()).isTrue();
        assertThat(set.toString()).doesNotContain("new");
        Map<String, Object> now = store.configs.get("dev.cellbridge.cellular.context.a").properties();
        assertThat(now).containsEntry("apn", "CMNET").containsEntry("password", "new").containsEntry("activate", true)
                .containsEntry("context.id", 1);
        assertThat((String[]) now.get("dns")).containsExactly("8.8.8.8");

        probe.publish(o.prefix() + "cmd/config", "{\"requestId\":\"s2\",\"action\":\"set\",\"factoryPid\":"
                + "\"dev.cellbridge.relay.bridge\",\"properties\":{\"bridge.name\":\"plc\",\"remote.port\":502}}");
        assertThat(probe.await(o.prefix() + "reply/s2").json().getAsJsonObject("result").get("pid").getAsString())
                .isEqualTo("dev.cellbridge.relay.bridge.n1");
        assertThat(store.configs.get("dev.cellbridge.relay.bridge.n1").properties()).containsEntry("remote.port", 502);

        probe.publish(o.prefix() + "cmd/config", "{\"requestId\":\"e1\",\"action\":\"get\",\"pid\":\"org.apache.x\"}");
        assertThat(probe.await(o.prefix() + "reply/e1").json().get("error").getAsString())
                .isEqualTo("pid \"org.apache.x\" is not a cellbridge configuration (singletons: "
                        + "dev.cellbridge.cellular.modem, dev.cellbridge.cellular.tcpip, dev.cellbridge.cli.console, "
                        + "dev.cellbridge.relay; factories: dev.cellbridge.cellular.context, dev.cellbridge.relay.bridge, "
                        + "dev.cellbridge.serial.link and their instances)");
        probe.publish(o.prefix() + "cmd/config", "{\"requestId\":\"e2\",\"action\":\"set\",\"pid\":\"dev.cellbridge.relay\","
                + "\"properties\":{\"service.pid\":\"x\"}}");
        assertThat(probe.await(o.prefix() + "reply/e2").json().get("error").getAsString())
                .isEqualTo("property service.pid is managed by the framework");
        probe.publish(o.prefix() + "cmd/config", "{\"requestId\":\"e3\",\"action\":\"set\",\"pid\":\"dev.cellbridge.relay\","
                + "\"properties\":{\"qos\":{\"deep\":1}}}");
        assertThat(probe.await(o.prefix() + "reply/e3").json().get("error").getAsString())
                .isEqualTo("property qos must be a string, number, boolean or array of strings, not an object");
    }

    @Test
    void aPidCannotWidenTheConfigurationAdminFilter() {
        assertThat(ConfigAdminStore.ldapEscape("a)(service.pid=*")).isEqualTo("a\\)\\(service.pid=\\*");
        assertThat(ConfigAdminStore.ldapEscape("dev.cellbridge.relay")).isEqualTo("dev.cellbridge.relay");
    }
}
