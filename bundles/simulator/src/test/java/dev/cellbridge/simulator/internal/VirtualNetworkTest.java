package dev.cellbridge.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.simulator.SimulatorOptions;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/**
 * What the virtual network lets through, decided without opening anything: routes first, loopback as is, everything
 * else only with allowRealNetwork (which also lets route targets leave loopback).
 */
class VirtualNetworkTest {
    private static VirtualNetwork network(boolean allowReal) {
        return new VirtualNetwork(SimulatorOptions.builder()
                .route("220.180.239.212:8009=127.0.0.1:9000")
                .dns("www.example.com", "220.180.239.212")
                .allowRealNetwork(allowReal).build());
    }

    @Test
    void routesMapVirtualEndpointsToRealOnes() {
        VirtualNetwork net = network(false);
        assertThat(net.route("220.180.239.212", 8009)).contains(new InetSocketAddress("127.0.0.1", 9000));
        assertThat(net.route("127.0.0.5", 80)).contains(new InetSocketAddress("127.0.0.5", 80));
        assertThat(net.virtualSource(new InetSocketAddress("127.0.0.1", 9000)))
                .containsExactly("220.180.239.212", "8009");
        assertThat(net.virtualSource(new InetSocketAddress("127.0.0.1", 9001))).containsExactly("127.0.0.1", "9001");
    }

    @Test
    void withoutAllowRealNetworkOnlyRoutesAndLoopbackAreReachable() {
        VirtualNetwork net = network(false);
        assertThat(net.route("220.180.239.212", 8010)).isEmpty();
        assertThat(net.route("192.0.2.1", 80)).isEmpty();
        assertThat(net.reachable("192.0.2.1")).isFalse();
        assertThat(net.reachable("220.180.239.212")).isTrue();
        assertThat(net.reachable("127.0.0.1")).isTrue();
        assertThat(net.resolve("www.example.com")).contains("220.180.239.212");
        assertThat(net.resolve("localhost")).contains("127.0.0.1");
        assertThat(net.resolve("unknown.invalid")).isEmpty();
        assertThat(net.resolve("192.0.2.1")).contains("192.0.2.1");
    }

    @Test
    void allowRealNetworkLetsRealDestinationsThrough() {
        VirtualNetwork net = network(true);
        assertThat(net.route("192.0.2.1", 80)).contains(new InetSocketAddress("192.0.2.1", 80));
        assertThat(net.reachable("192.0.2.1")).isTrue();
        assertThat(net.route("220.180.239.212", 8009)).contains(new InetSocketAddress("127.0.0.1", 9000));
    }

    @Test
    void routeTargetsOutsideLoopbackNeedAllowRealNetwork() {
        assertThatThrownBy(() -> SimulatorOptions.builder().route("1.2.3.4:80=192.0.2.1:80").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route target 192.0.2.1 is not loopback; pass allowRealNetwork (--allow-real-network)"
                        + " to permit it");
        VirtualNetwork net = new VirtualNetwork(SimulatorOptions.builder().allowRealNetwork(true)
                .route("1.2.3.4:80=192.0.2.1:80").build());
        assertThat(net.route("1.2.3.4", 80)).contains(new InetSocketAddress("192.0.2.1", 80));
    }
}
