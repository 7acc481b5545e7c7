package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.Authentication;
import dev.cellbridge.cellular.ContextType;
import dev.cellbridge.cellular.PdpContextConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PDP context configuration: defaults, ranges, options, and a password that never shows. */
class ContextSettingsTest {

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(key, value);
        return properties;
    }

    @Test
    void defaults() {
        ContextSettings s = ContextSettings.from(Map.of());
        assertThat(s.modemTarget()).isEqualTo("(modem.name=modem)");
        ContextPlan plan = s.plan("");
        assertThat(plan.config()).isEqualTo(new PdpContextConfig(1, ContextType.IPV4, "", "", "", Authentication.NONE));
        assertThat(plan.dnsPrimary()).isEmpty();
        assertThat(plan.dnsSecondary()).isEmpty();
        assertThat(plan.activate()).isTrue();
        assertThat(plan.reactivate()).isTrue();
        assertThat(plan.retryInitial()).isEqualTo(Duration.ofSeconds(5));
        assertThat(plan.retryMax()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void contextIdIsOneToFive() {
        assertThat(ContextSettings.from(with("context.id", 1)).contextId()).isEqualTo(1);
        assertThat(ContextSettings.from(with("context.id", "5")).contextId()).isEqualTo(5);
        assertThatThrownBy(() -> ContextSettings.from(with("context.id", 0)))
                .hasMessage("attribute 'context.id' is 0; allowed: 1–5");
        assertThatThrownBy(() -> ContextSettings.from(with("context.id", 6L)))
                .hasMessage("attribute 'context.id' is 6; allowed: 1–5");
    }

    @Test
    void retryWaits() {
        Map<String, Object> p = with("reactivate.delay.initial", 1);
        p.put("reactivate.delay.max", 86_400);
        assertThat(ContextSettings.from(p).retryMax()).isEqualTo(Duration.ofDays(1));
        p.put("reactivate.delay.initial", 3600);
        assertThat(ContextSettings.from(p).retryInitial()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> ContextSettings.from(with("reactivate.delay.initial", 0)))
                .hasMessage("attribute 'reactivate.delay.initial' is 0; allowed: 1–3600 s");
        assertThatThrownBy(() -> ContextSettings.from(with("reactivate.delay.initial", 3601)))
                .hasMessage("attribute 'reactivate.delay.initial' is 3601; allowed: 1–3600 s");
        assertThatThrownBy(() -> ContextSettings.from(with("reactivate.delay.max", 86_401)))
                .hasMessage("attribute 'reactivate.delay.max' is 86401; allowed: 1–86400 s");
        assertThatThrownBy(() -> ContextSettings.from(with("reactivate.delay.max", 4)))
                .hasMessageStartingWith("attribute 'reactivate.delay.max' is 4; allowed: at least reactivate.delay.initial (5 s)");
    }

    @Test
    void typesAndAuthentications() {
        assertThat(ContextSettings.from(with("context.type", "IPv6")).type()).isEqualTo(ContextType.IPV6);
        assertThat(ContextSettings.from(with("context.type", "ipv4V6")).type()).isEqualTo(ContextType.IPV4V6);
        assertThatThrownBy(() -> ContextSettings.from(with("context.type", "IPX")))
                .hasMessage("attribute 'context.type' is 'IPX'; allowed: one of IPv4, IPv6, IPv4v6");
        assertThat(ContextSettings.from(with("authentication", "pap")).authentication()).isEqualTo(Authentication.PAP);
        assertThat(ContextSettings.from(with("authentication", "CHAP")).authentication()).isEqualTo(Authentication.CHAP);
        assertThat(ContextSettings.from(with("authentication", "pap_or_chap")).authentication())
                .isEqualTo(Authentication.PAP_OR_CHAP);
        assertThatThrownBy(() -> ContextSettings.from(with("authentication", "eap")))
                .hasMessage("attribute 'authentication' is 'eap'; allowed: one of none, pap, chap, pap_or_chap");
    }

    @Test
    void textsTheModuleCannotTakeAreNamed() {
        assertThatThrownBy(() -> ContextSettings.from(with("apn", "a\"b")))
                .hasMessage("attribute 'apn': APN must not contain quotes or control characters");
        assertThatThrownBy(() -> ContextSettings.from(with("apn", "x".repeat(101))))
                .hasMessage("attribute 'apn': APN is longer than 99 bytes");
        assertThatThrownBy(() -> ContextSettings.from(with("username", "u".repeat(128))))
                .hasMessage("attribute 'username': username is longer than 127 bytes");
    }

    @Test
    void thePasswordIsCheckedOnceDecodedAndNeverShown() {
        ContextSettings s = ContextSettings.from(with("password", "ENCRYPTED-" + "z".repeat(200)));
        assertThat(s.toString()).doesNotContain("ENCRYPTED").contains("password=****");
        assertThat(s.plan("secret").config().password()).isEqualTo("secret");
        assertThat(s.plan("secret").toString()).doesNotContain("secret");
        assertThatThrownBy(() -> s.plan("se\"cret"))
                .hasMessage("attribute 'password': password must not contain quotes or control characters")
                .message().doesNotContain("se\"cret");
        assertThatThrownBy(() -> s.plan("p".repeat(128))).hasMessage("attribute 'password': password is longer than 127 bytes");
    }

    @Test
    void theModemTargetIsAFilter() {
        assertThat(ContextSettings.from(with("Modem.target", "(&(modem.name=m2)(modem.state=UP))")).modemTarget())
                .isEqualTo("(&(modem.name=m2)(modem.state=UP))");
        assertThatThrownBy(() -> ContextSettings.from(with("Modem.target", "modem.name=m2")))
                .hasMessage("attribute 'Modem.target' is 'modem.name=m2'; allowed: an OSGi filter such as (modem.name=modem)");
    }

    @Test
    void dnsServers() {
        Map<String, Object> p = with("dns.primary", "8.8.8.8");
        p.put("dns.secondary", "2001:4860:4860::8888");
        ContextPlan plan = ContextSettings.from(p).plan("");
        assertThat(plan.dnsPrimary()).isEqualTo("8.8.8.8");
        assertThat(plan.dnsSecondary()).isEqualTo("2001:4860:4860::8888");
        assertThatThrownBy(() -> ContextSettings.from(with("dns.primary", "dns.google")))
                .hasMessage("attribute 'dns.primary' is 'dns.google'; allowed: an IPv4 or IPv6 address, or empty");
        for (String bad : new String[] {"300.1.1.1", "1.2.3", "1.2.3.4.5", "::::", "2001:db8::g", "1..2.3", "a.b.c.d"}) {
            assertThatThrownBy(() -> ContextSettings.from(with("dns.primary", bad)))
                    .hasMessage("attribute 'dns.primary' is '" + bad + "'; allowed: an IPv4 or IPv6 address, or empty");
        }
        assertThat(ContextSettings.from(with("dns.primary", "::1")).dnsPrimary()).isEqualTo("::1");
        assertThat(ContextSettings.from(with("dns.primary", "0.0.0.0")).dnsPrimary()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> ContextSettings.from(with("dns.secondary", "1.1.1.1")))
                .hasMessage("attribute 'dns.secondary' is '1.1.1.1'; allowed: empty while dns.primary is");
    }
}
