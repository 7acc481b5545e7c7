package dev.cellbridge.itests.osgi;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.inject.Inject;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.ManagedTcpIpOptions;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;

/**
 * The cellular bundle's configurable components (modem, TCP/IP options, PDP contexts) in a real framework; one
 * subclass per runtime supplies the Pax Exam configuration. The test methods run inside the framework; plain JUnit 4
 * assertions, as in {@link OsgiSmokeTests}.
 */
public abstract class ComponentTests {

    static final String CELLULAR = "dev.cellbridge.cellular";
    static final String MODEM_PID = "dev.cellbridge.cellular.modem";
    static final String TCPIP_PID = "dev.cellbridge.cellular.tcpip";
    static final String CONTEXT_PID = "dev.cellbridge.cellular.context";
    static final long TIMEOUT_MS = 30_000;

    /** The seed's remote server, routed by the simulator to a loopback echo server of the test. */
    static final String REMOTE = "220.180.239.212";
    static final int REMOTE_PORT = 8009;

    /** The AD types Kura's metatype parser accepts, spelled exactly. */
    static final Set<String> KURA_AD_TYPES = Set.of("String", "Long", "Double", "Float", "Integer", "Byte", "Char",
        "Boolean", "Short", "Password");

    @Inject
    protected BundleContext context;

    /** One attribute as the application note (or our own limits) define it; null min/max: none. */
    private static final class Ad {
        final String id;
        final int type;
        final String min;
        final String max;
        final List<String> defaults;
        final List<String> options;
        final int cardinality;

        Ad(String id, int type, String min, String max, List<String> defaults, List<String> options, int cardinality) {
            this.id = id;
            this.type = type;
            this.min = min;
            this.max = max;
            this.defaults = defaults;
            this.options = options;
            this.cardinality = cardinality;
        }

        static Ad integer(String id, int min, int max, int dflt) {
            return new Ad(id, AttributeDefinition.INTEGER, Integer.toString(min), Integer.toString(max),
                List.of(Integer.toString(dflt)), List.of(), 0);
        }

        static Ad bool(String id, boolean dflt) {
            return new Ad(id, AttributeDefinition.BOOLEAN, null, null, List.of(Boolean.toString(dflt)), List.of(), 0);
        }

        static Ad string(String id, String dflt) {
            return new Ad(id, AttributeDefinition.STRING, null, null, dflt.isEmpty() ? List.of() : List.of(dflt),
                List.of(), 0);
        }

        static Ad choice(String id, int type, String dflt, String... options) {
            return new Ad(id, type, null, null, List.of(dflt), List.of(options), 0);
        }
    }

    /** Every QICFG option of the application note (2.3.1) with its range and default, and the modem target. */
    static final List<Ad> TCPIP = List.of(
        Ad.string("Modem.target", "(modem.name=modem)"),
        Ad.integer("transparent.packet.size", 1, 1460, 1024),
        Ad.integer("transparent.wait.time", 0, 20, 2),
        Ad.choice("data.format.send", AttributeDefinition.STRING, "text", "text", "hex"),
        Ad.choice("data.format.receive", AttributeDefinition.STRING, "text", "text", "hex"),
        Ad.choice("view.mode", AttributeDefinition.INTEGER, "0", "0", "1"),
        Ad.integer("tcp.retransmission.backoffs", 3, 20, 8),
        Ad.integer("tcp.retransmission.rto", 5, 1000, 600),
        Ad.bool("dns.cache", true),
        Ad.integer("send.timeout", 0, 3600, 0),
        Ad.bool("tcp.passive.close", false),
        Ad.bool("tcp.accept", true),
        Ad.bool("tcp.keepalive.enable", false),
        Ad.integer("tcp.keepalive.idle", 1, 1800, 60),
        Ad.integer("tcp.keepalive.interval", 25, 100, 25),
        Ad.integer("tcp.keepalive.probes", 3, 10, 3),
        Ad.bool("recv.indication", false),
        Ad.bool("close.urc", false),
        Ad.bool("send.info", false),
        Ad.choice("prompt.format", AttributeDefinition.INTEGER, "0", "0", "1"));

    static final List<Ad> MODEM = List.of(
        Ad.string("modem.name", "modem"),
        Ad.string("link.uri", "/dev/ttyUSB2"),
        Ad.string("link.name", ""),
        new Ad("init.commands", AttributeDefinition.STRING, null, null, List.of("ATE0", "AT+QISDE=0"), List.of(), 20),
        Ad.integer("timeout.command", 1, 600, 60),
        Ad.integer("timeout.qiact", 1, 600, 150),
        Ad.integer("timeout.qideact", 1, 600, 40),
        Ad.integer("timeout.qiclose", 1, 600, 10),
        Ad.bool("watchdog.enabled", true),
        Ad.integer("watchdog.interval", 1, 3600, 10),
        Ad.integer("reboot.failures", 1, 100, 3),
        new Ad("reboot.delays", AttributeDefinition.INTEGER, "0", "86400", List.of("0", "600", "1800"), List.of(), 10),
        Ad.integer("reboot.delay.max", 60, 604_800, 86_400),
        Ad.string("reboot.command", "AT+CFUN=1,1"),
        Ad.integer("reopen.delay.initial", 1, 3600, 1),
        Ad.integer("reopen.delay.max", 1, 3600, 60),
        Ad.integer("read.chunk", 1, 1500, 1500),
        Ad.integer("sendfail.retries", 0, 10_000, 50),
        Ad.integer("sendfail.backoff", 1, 60_000, 20),
        Ad.integer("sendfail.backoff.max", 1, 60_000, 1000));

    static final List<Ad> CONTEXT = List.of(
        Ad.string("Modem.target", "(modem.name=modem)"),
        Ad.integer("context.id", 1, 5, 1),
        Ad.choice("context.type", AttributeDefinition.STRING, "IPv4", "IPv4", "IPv6", "IPv4v6"),
        Ad.string("apn", ""),
        Ad.string("username", ""),
        new Ad("password", AttributeDefinition.PASSWORD, null, null, List.of(), List.of(), 0),
        Ad.choice("authentication", AttributeDefinition.STRING, "none", "none", "pap", "chap", "pap_or_chap"),
        Ad.string("dns.primary", ""),
        Ad.string("dns.secondary", ""),
        Ad.bool("activate", true),
        Ad.bool("reactivate", true),
        Ad.integer("reactivate.delay.initial", 1, 3600, 5),
        Ad.integer("reactivate.delay.max", 1, 86_400, 300));

    @Test
    public void metatypeOfEveryComponentHasTheApplicationNotesRangesAndDefaults() throws Exception {
        MetaTypeService metatype = service(MetaTypeService.class);
        MetaTypeInformation information = metatype.getMetaTypeInformation(cellularBundle());
        assertNotNull("metatype information of " + CELLULAR, information);
        assertEquals("singleton PIDs", Set.of(MODEM_PID, TCPIP_PID), Set.of(information.getPids()));
        assertEquals("factory PIDs", Set.of(CONTEXT_PID), Set.of(information.getFactoryPids()));
        checkOcd(information.getObjectClassDefinition(MODEM_PID, null), MODEM_PID, MODEM);
        checkOcd(information.getObjectClassDefinition(TCPIP_PID, null), TCPIP_PID, TCPIP);
        checkOcd(information.getObjectClassDefinition(CONTEXT_PID, null), CONTEXT_PID, CONTEXT);
    }

    private static void checkOcd(ObjectClassDefinition ocd, String pid, List<Ad> expected) {
        assertNotNull("OCD of " + pid, ocd);
        assertEquals("OCD id", pid, ocd.getID());
        Map<String, AttributeDefinition> actual = new LinkedHashMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            actual.put(ad.getID(), ad);
        }
        List<String> ids = new ArrayList<>();
        expected.forEach(ad -> ids.add(ad.id));
        // the order is the XML's (checked there); Equinox lists the required attributes first
        assertEquals(pid + " attributes", new java.util.TreeSet<>(ids), new java.util.TreeSet<>(actual.keySet()));
        for (Ad want : expected) {
            AttributeDefinition ad = actual.get(want.id);
            String what = pid + " " + want.id;
            assertEquals(what + " type", want.type, ad.getType());
            assertEquals(what + " cardinality", want.cardinality, ad.getCardinality());
            assertEquals(what + " default", want.defaults, nonEmpty(ad.getDefaultValue()));
            assertEquals(what + " option values", want.options, nonEmpty(ad.getOptionValues()));
            assertFalse(what + " has a name", ad.getName() == null || ad.getName().isBlank());
            assertTrue(what + " has a description", ad.getDescription() != null && ad.getDescription().length() > 20);
            if (want.min != null) {
                long min = Long.parseLong(want.min);
                long max = Long.parseLong(want.max);
                assertEquals(what + " accepts its minimum " + min, "", ad.validate(Long.toString(min)));
                assertEquals(what + " accepts its maximum " + max, "", ad.validate(Long.toString(max)));
                assertInvalid(what, ad, min - 1);
                assertInvalid(what, ad, max + 1);
            }
        }
    }

    private static void assertInvalid(String what, AttributeDefinition ad, long value) {
        String result = ad.validate(Long.toString(value));
        assertNotNull(what + " validates " + value, result);
        assertFalse(what + " rejects " + value, result.isEmpty());
    }

    /** Kura's parser reads OSGI-INF/metatype/<pid>.xml itself: unprefixed OCD/AD/Option/Designate/Object, exact types. */
    @Test
    public void metatypeXmlIsWhatKurasParserReads() throws Exception {
        Bundle cellular = cellularBundle();
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        Map<String, List<Ad>> pids = Map.of(MODEM_PID, MODEM, TCPIP_PID, TCPIP, CONTEXT_PID, CONTEXT);
        for (Map.Entry<String, List<Ad>> entry : pids.entrySet()) {
            String pid = entry.getKey();
            boolean factory = pid.equals(CONTEXT_PID);
            URL url = cellular.getEntry("OSGI-INF/metatype/" + pid + ".xml");
            assertNotNull("OSGI-INF/metatype/" + pid + ".xml in the bundle", url);
            DocumentBuilderFactory factoryBuilder = DocumentBuilderFactory.newInstance();
            factoryBuilder.setNamespaceAware(true);
            Document document;
            try (InputStream in = url.openStream()) {
                document = factoryBuilder.newDocumentBuilder().parse(in);
            }
            List<Element> ocds = children(document.getDocumentElement(), "OCD");
            assertEquals(pid + ": one unprefixed OCD", 1, ocds.size());
            Element ocd = ocds.get(0);
            assertEquals(pid + " OCD id", pid, ocd.getAttribute("id"));
            List<Element> ads = children(ocd, "AD");
            assertEquals(pid + " AD count", entry.getValue().size(), ads.size());
            for (int i = 0; i < ads.size(); i++) {
                Element ad = ads.get(i);
                Ad want = entry.getValue().get(i);
                assertEquals(pid + " AD " + i + " id", want.id, ad.getAttribute("id"));
                assertTrue(pid + " " + want.id + " type '" + ad.getAttribute("type") + "' is one Kura reads",
                    KURA_AD_TYPES.contains(ad.getAttribute("type")));
                assertEquals(pid + " " + want.id + " min", want.min == null ? "" : want.min, ad.getAttribute("min"));
                assertEquals(pid + " " + want.id + " max", want.max == null ? "" : want.max, ad.getAttribute("max"));
                List<String> options = new ArrayList<>();
                for (Element option : children(ad, "Option")) {
                    options.add(option.getAttribute("value"));
                }
                assertEquals(pid + " " + want.id + " unprefixed options", want.options, options);
            }
            List<Element> designates = children(document.getDocumentElement(), "Designate");
            assertEquals(pid + ": one unprefixed Designate", 1, designates.size());
            assertEquals(pid + " Designate " + (factory ? "factoryPid" : "pid"), pid,
                designates.get(0).getAttribute(factory ? "factoryPid" : "pid"));
            List<Element> objects = children(designates.get(0), "Object");
            assertEquals(pid + ": one unprefixed Object", 1, objects.size());
            assertEquals(pid + " Object ocdref", pid, objects.get(0).getAttribute("ocdref"));

            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(cellular, pid);
            assertNotNull("DS component named " + pid, description);
            assertEquals(pid + " configuration policy", "require", description.configurationPolicy);
            assertArrayEquals(pid + " configuration PID", new String[] {pid}, description.configurationPid);
        }
    }

    /**
     * Configurations created through ConfigurationAdmin bring a modem up on a simulator, keep a context active and
     * let a socket through the Modem service reach an echo peer; TCP/IP option changes reach the module; bad
     * configurations are rejected and the ones in force kept; a second configuration of the same context is
     * refused; deleting configurations deactivates the context and withdraws the modem.
     */
    @Test
    public void configurationsDriveAModemOnTheSimulator() throws Exception {
        ConfigurationAdmin admin = service(ConfigurationAdmin.class);
        List<Configuration> created = new ArrayList<>();
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Simulator sim = Simulator.start(SimulatorOptions.builder().tcpPort(0)
                    .route(REMOTE + ":" + REMOTE_PORT + "=127.0.0.1:" + echo.getLocalPort()).build())) {
            Thread echoThread = startEcho(echo);
            String linkUri = "tcp://127.0.0.1:" + sim.port();

            // the modem
            Configuration modemConfig = admin.getConfiguration(MODEM_PID, null);
            created.add(modemConfig);
            Hashtable<String, Object> modemProperties = new Hashtable<>(Map.of("link.uri", linkUri,
                "kura.service.pid", MODEM_PID));
            modemConfig.update(modemProperties);
            ServiceReference<?> modemRef = await("(&(objectClass=" + Modem.class.getName()
                + ")(modem.name=modem)(modem.state=UP))");
            assertEquals(linkUri, modemRef.getProperty("link.uri"));
            assertEquals(MODEM_PID, modemRef.getProperty("service.pid"));
            ServiceReference<?> managedModem = await("(&(objectClass=dev.cellbridge.cellular.ManagedModem)"
                + "(cellbridge.configurable=true)(service.pid=" + MODEM_PID + ")(kura.service.pid=" + MODEM_PID + ")"
                + "(modem.state=UP))");
            assertEquals(linkUri, managedModem.getProperty("link.uri"));
            assertEquals("", managedModem.getProperty("configuration.problem"));
            Modem modem = (Modem) context.getService(modemRef);
            assertTrue("init commands ran: no command echo", modem.channel().execute("AT").texts().isEmpty());

            // a context
            Configuration contextA = admin.createFactoryConfiguration(CONTEXT_PID, null);
            created.add(contextA);
            contextA.update(new Hashtable<>(Map.of("context.id", 1, "apn", "UNINET", "username", "user",
                "password", "s3cret-pw", "authentication", "pap", "reactivate.delay.initial", 1)));
            ServiceReference<?> contextRef = await("(&(objectClass=" + ManagedPdpContext.class.getName()
                + ")(service.pid=" + contextA.getPid() + ")(context.state=ACTIVE))");
            assertEquals("10.7.157.1", contextRef.getProperty("context.ipv4"));
            assertEquals(1, contextRef.getProperty("context.id"));
            assertEquals("modem", contextRef.getProperty("modem.name"));
            assertEquals(Boolean.TRUE, contextRef.getProperty("cellbridge.configurable"));
            assertEquals(CONTEXT_PID, contextRef.getProperty("service.factoryPid"));
            for (String key : contextRef.getPropertyKeys()) {
                assertFalse("no password property", key.equals("password"));
                assertFalse(key + " does not show the password",
                    String.valueOf(contextRef.getProperty(key)).contains("s3cret-pw"));
            }
            assertEquals("QICSGP as configured", new PdpContextConfig(1, dev.cellbridge.cellular.ContextType.IPV4,
                "UNINET", "user", "s3cret-pw", dev.cellbridge.cellular.Authentication.PAP), modem.contextConfig(1));

            // a socket through the Modem service to the echo peer
            try (ModemSocket socket = modem.open(SocketSpec.tcp(1, REMOTE, REMOTE_PORT))) {
                socket.setReadTimeout(Duration.ofMillis(TIMEOUT_MS));
                byte[] payload = new byte[512];
                for (int i = 0; i < payload.length; i++) {
                    payload[i] = (byte) i;
                }
                socket.output().write(payload);
                socket.output().flush();
                assertArrayEquals("echoed through the module", payload, socket.input().readNBytes(payload.length));
            }

            // TCP/IP options reach the module
            Configuration tcpip = admin.getConfiguration(TCPIP_PID, null);
            created.add(tcpip);
            Hashtable<String, Object> options = new Hashtable<>(Map.of("tcp.keepalive.enable", true,
                "tcp.keepalive.idle", 120, "tcp.keepalive.interval", 30, "tcp.keepalive.probes", 5));
            tcpip.update(options);
            awaitQicfg(modem, "tcp/keepalive", "1,120,30,5");
            options.put("tcp.retransmission.backoffs", 12);
            options.put("tcp.retransmission.rto", 300);
            tcpip.update(options);
            awaitQicfg(modem, "tcp/retranscfg", "12,300");
            ServiceReference<?> tcpipRef = await("(&(objectClass=" + ManagedTcpIpOptions.class.getName()
                + ")(cellbridge.configurable=true)(service.pid=" + TCPIP_PID + ")(modem.name=modem))");

            // bad configurations are rejected; the ones in force stay (and nothing restarts)
            Hashtable<String, Object> bad = new Hashtable<>(options);
            bad.put("tcp.keepalive.idle", 0);
            tcpip.update(bad);
            await("(&(objectClass=" + ManagedTcpIpOptions.class.getName()
                + ")(configuration.problem=attribute 'tcp.keepalive.idle'*1–1800*))");
            assertEquals("+QICFG: \"tcp/keepalive\",1,120,30,5", qicfg(modem, "tcp/keepalive"));
            ManagedTcpIpOptions inForce = (ManagedTcpIpOptions) context.getService(tcpipRef);
            assertEquals(120, inForce.options().get().keepalive().idleSeconds());

            Object modemServiceId = modemRef.getProperty("service.id");
            Hashtable<String, Object> badModem = new Hashtable<>(modemProperties);
            badModem.put("read.chunk", 0);
            modemConfig.update(badModem);
            await("(&(objectClass=dev.cellbridge.cellular.ManagedModem)(configuration.problem=attribute 'read.chunk' is 0*))");
            ServiceReference<?> sameModem = await("(&(objectClass=" + Modem.class.getName() + ")(modem.state=UP))");
            assertEquals("the Modem service was not registered again", modemServiceId, sameModem.getProperty("service.id"));

            Hashtable<String, Object> badContext = new Hashtable<>(Map.of("context.id", 9, "apn", "UNINET"));
            contextA.update(badContext);
            await("(&(objectClass=" + ManagedPdpContext.class.getName() + ")(service.pid=" + contextA.getPid()
                + ")(configuration.problem=attribute 'context.id' is 9*)(context.state=ACTIVE)(context.id=1))");

            // a second configuration of context 1 is refused and leaves the context alone
            Configuration contextB = admin.createFactoryConfiguration(CONTEXT_PID, null);
            created.add(contextB);
            contextB.update(new Hashtable<>(Map.of("context.id", 1, "apn", "other")));
            ServiceReference<?> refused = await("(&(objectClass=" + ManagedPdpContext.class.getName()
                + ")(service.pid=" + contextB.getPid() + ")(context.state=FAILED))");
            ManagedPdpContext refusedContext = (ManagedPdpContext) context.getService(refused);
            assertTrue(refusedContext.status().problem(), refusedContext.status().problem().contains(contextA.getPid()));
            String pidB = contextB.getPid();
            contextB.delete();
            awaitGone("(service.pid=" + pidB + ")");
            assertEquals("UNINET", modem.contextConfig(1).apn());
            assertEquals(1, modem.contexts().size());

            // deleting the configuration deactivates the context
            String pidA = contextA.getPid();
            contextA.delete();
            awaitGone("(service.pid=" + pidA + ")");
            assertTrue("context 1 deactivated on the module", modem.contexts().isEmpty());

            // deleting the modem's configuration withdraws the modem
            context.ungetService(modemRef);
            modemConfig.delete();
            awaitGone("(objectClass=" + Modem.class.getName() + ")");
            awaitGone("(objectClass=dev.cellbridge.cellular.ManagedModem)");
            echo.close();
            echoThread.join(TIMEOUT_MS);
            assertFalse("echo thread ended", echoThread.isAlive());
        } finally {
            for (Configuration configuration : created) {
                try {
                    configuration.delete();
                } catch (IllegalStateException e) {
                    // deleted by the test already
                }
            }
        }
    }

    /**
     * With {@code link.name} the modem uses the configured serial link of that name: up while the link is, gone
     * when the link's configuration is deleted.
     */
    @Test
    public void aModemOnAConfiguredSerialLink() throws Exception {
        ConfigurationAdmin admin = service(ConfigurationAdmin.class);
        List<Configuration> created = new ArrayList<>();
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().tcpPort(0).build())) {
            String uri = "tcp://127.0.0.1:" + sim.port();
            Configuration link = admin.createFactoryConfiguration("dev.cellbridge.serial.link", null);
            created.add(link);
            link.update(new Hashtable<>(Map.of("uri", uri, "kura.service.pid", "modem-port")));
            await("(&(objectClass=java.lang.Object)(cellbridge.configurable=true)(service.factoryPid="
                + "dev.cellbridge.serial.link)(kura.service.pid=modem-port))");

            Configuration modemConfig = admin.getConfiguration(MODEM_PID, null);
            created.add(modemConfig);
            modemConfig.update(new Hashtable<>(Map.of("link.name", "modem-port", "modem.name", "portmodem")));
            ServiceReference<?> modemRef = await("(&(objectClass=" + Modem.class.getName()
                + ")(modem.name=portmodem)(modem.state=UP))");
            assertEquals("the serial link's URI", uri, modemRef.getProperty("link.uri"));
            Modem modem = (Modem) context.getService(modemRef);
            try {
                assertTrue(modem.channel().execute("AT").isOk());
            } finally {
                context.ungetService(modemRef);
            }

            link.delete();
            awaitGone("(objectClass=" + Modem.class.getName() + ")");
            await("(&(objectClass=dev.cellbridge.cellular.ManagedModem)(modem.name=portmodem)(modem.state=GONE))");
            modemConfig.delete();
            awaitGone("(objectClass=dev.cellbridge.cellular.ManagedModem)");
        } finally {
            for (Configuration configuration : created) {
                try {
                    configuration.delete();
                } catch (IllegalStateException e) {
                    // deleted by the test already
                }
            }
        }
    }

    private static void awaitQicfg(Modem modem, String option, String values) throws Exception {
        String expected = "+QICFG: \"" + option + "\"," + values;
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            last = qicfg(modem, option);
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(20);
        }
        fail("the module did not get " + expected + " within " + TIMEOUT_MS + " ms; it has " + last);
    }

    private static String qicfg(Modem modem, String option) throws Exception {
        List<String> texts = modem.channel().execute("AT+QICFG=\"" + option + "\"").texts();
        return texts.isEmpty() ? "" : texts.get(0);
    }

    /** Echoes every connection (one at a time) until the server socket is closed. */
    private static Thread startEcho(ServerSocket server) {
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket peer = server.accept(); InputStream in = peer.getInputStream();
                        OutputStream out = peer.getOutputStream()) {
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (java.io.IOException e) {
                    // the peer or the test closed: accept the next one, or end with the server
                }
            }
        }, "itest-echo");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A service matching the filter, polled until one appears (properties change in place). */
    private ServiceReference<?> await(String filter) throws Exception {
        ServiceReference<?>[] found = poll(() -> {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, filter);
            return refs != null && refs.length > 0 ? refs : null;
        });
        assertNotNull("a service matching " + filter + " within " + TIMEOUT_MS + " ms" + describe(filter), found);
        return found[0];
    }

    private void awaitGone(String filter) throws Exception {
        Boolean gone = poll(() -> context.getServiceReferences((String) null, filter) == null ? Boolean.TRUE : null);
        assertNotNull("no service matching " + filter + " within " + TIMEOUT_MS + " ms", gone);
    }

    private static <T> T poll(Callable<T> probe) throws Exception {
        return Waits.poll(probe, TIMEOUT_MS);
    }

    /** What cellbridge services there are, for a failure message. */
    private String describe(String filter) throws Exception {
        StringBuilder sb = new StringBuilder("; registered:");
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(|(modem.state=*)(context.state=*)"
            + "(cellbridge.configurable=*))");
        if (refs != null) {
            for (ServiceReference<?> ref : refs) {
                Map<String, Object> properties = new LinkedHashMap<>();
                for (String key : ref.getPropertyKeys()) {
                    Object value = ref.getProperty(key);
                    properties.put(key, value instanceof Object[] ? Arrays.toString((Object[]) value) : value);
                }
                sb.append("\n  ").append(properties);
            }
        }
        return sb.toString();
    }

    private Bundle cellularBundle() {
        for (Bundle bundle : context.getBundles()) {
            if (CELLULAR.equals(bundle.getSymbolicName())) {
                assertEquals(CELLULAR + " is active", Bundle.ACTIVE, bundle.getState());
                return bundle;
            }
        }
        fail(CELLULAR + " is not installed");
        return null;
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        return Waits.service(context, type, TIMEOUT_MS);
    }

    /** The child elements of this local name without a namespace prefix (Kura's parser matches unprefixed names). */
    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element && node.getNodeName().equals(name)) {
                out.add((Element) node);
            }
        }
        return out;
    }

    private static List<String> nonEmpty(String[] values) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(Arrays.asList(values));
        out.removeIf(String::isEmpty);
        return out;
    }
}
