package dev.cellbridge.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ConfigFilesTest {

    @Test
    void theFileNameIsThePidOrFactoryPidTildeName() throws Exception {
        assertThat(parse("dev.cellbridge.modem.cfg", "").id()).isEqualTo(new ConfigId.Singleton("dev.cellbridge.modem"));
        ConfigId factory = parse("dev.cellbridge.serial.link~modem1.json", "{}").id();
        assertThat(factory).isEqualTo(new ConfigId.Factory("dev.cellbridge.serial.link", "modem1"));
        assertThat(factory.pid()).isEqualTo("dev.cellbridge.serial.link~modem1");
    }

    @Test
    void unusableNamesAreRejected() {
        for (String name : new String[] {".cfg", "~name.cfg", "pid~.cfg", "a~b~c.cfg"}) {
            assertThatThrownBy(() -> parse(name, "")).isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith(name + ": the file name must be <pid>.cfg or <factoryPid>~<name>.cfg");
        }
    }

    @Test
    void onlyVisibleFilesWithTheThreeExtensionsAreConfigFiles() {
        assertThat(ConfigFiles.isConfigFile("a.cfg")).isTrue();
        assertThat(ConfigFiles.isConfigFile("a.CONFIG")).isTrue();
        assertThat(ConfigFiles.isConfigFile("a.json")).isTrue();
        assertThat(ConfigFiles.isConfigFile(".a.cfg")).isFalse();
        assertThat(ConfigFiles.isConfigFile("a.cfg~")).isFalse();
        assertThat(ConfigFiles.isConfigFile("a.cfg.swp")).isFalse();
        assertThat(ConfigFiles.isConfigFile("a.properties")).isFalse();
    }

    @Test
    void cfgFilesAreUtf8PropertiesWithStringValues() throws Exception {
        var parsed = parse("p.cfg", "# comment\nuri = tcp://127.0.0.1:7000\nbaud=921600\nname=Modem \u00e9\n");
        assertThat(parsed.properties()).containsOnly(
            entry("uri", "tcp://127.0.0.1:7000"), entry("baud", "921600"), entry("name", "Modem \u00e9"));
    }

    @Test
    void configFilesAreFelixTypedValues() throws Exception {
        var parsed = parse("p.config", "port=I\"7000\"\nenabled=B\"true\"\nnames=[\"a\",\"b\"]\nuri=\"tcp://h:1\"\n");
        assertThat(parsed.properties()).containsOnlyKeys("port", "enabled", "names", "uri");
        assertThat(parsed.properties().get("port")).isEqualTo(7000);
        assertThat(parsed.properties().get("enabled")).isEqualTo(true);
        assertThat(parsed.properties().get("names")).isEqualTo(new String[] {"a", "b"});
        assertThat(parsed.properties().get("uri")).isEqualTo("tcp://h:1");
    }

    @Test
    void aMalformedConfigFileIsRejectedWithItsName() {
        assertThatThrownBy(() -> parse("p.config", "port=I\"seven"))
            .isInstanceOf(ConfigFileException.class).hasMessageStartingWith("p.config: not in the Felix .config format");
    }

    @Test
    void jsonValuesAreInferredLikeTheOsgiConfigurator() throws Exception {
        var parsed = parse("p.json", """
            {
              // comments are allowed
              "uri": "tcp://127.0.0.1:7000",
              "baud": 921600,
              "ratio": 0.5,
              "enabled": true,
              "names": ["a", "b"],
              "ports": [1, 2],
              "mixed": [1, 2.5],
              "none": []
            }""");
        assertThat(parsed.properties()).containsExactly(
            entry("uri", "tcp://127.0.0.1:7000"), entry("baud", 921600L), entry("ratio", 0.5), entry("enabled", true),
            entry("names", new String[] {"a", "b"}), entry("ports", new Long[] {1L, 2L}),
            entry("mixed", new Double[] {1.0, 2.5}), entry("none", new String[0]));
    }

    @Test
    void jsonTypeAnnotationsSetTheType() throws Exception {
        var parsed = parse("p.json", """
            {"baud:Integer": 115200, "retries:Short": "3", "level:Byte": -1, "size:Long": 9007199254740993,
             "gain:Float": 1.5, "scale:Double": "2", "flag:Boolean": "false", "sep:Character": ";",
             "label:String": 42, "ids:Integer[]": [1, 2, 3]}""");
        assertThat(parsed.properties()).containsExactly(
            entry("baud", 115200), entry("retries", (short) 3), entry("level", (byte) -1),
            entry("size", 9007199254740993L), entry("gain", 1.5f), entry("scale", 2.0), entry("flag", false),
            entry("sep", ';'), entry("label", "42"), entry("ids", new Integer[] {1, 2, 3}));
    }

    @Test
    void badJsonIsRejectedNamingFileAndProperty() {
        assertJsonError("[1]", "p.json: must hold one JSON object (property name: value)");
        assertJsonError("{\"a\": ", "p.json: not JSON: ");
        assertJsonError("{\"a:Integer\": 3000000000}", "p.json: property 'a': 3000000000 is out of range for Integer");
        assertJsonError("{\"a:Integer\": 1.5}", "p.json: property 'a': '1.5' is not a whole number (Integer)");
        assertJsonError("{\"a:Number\": 1}", "p.json: property 'a': unknown type 'Number'");
        assertJsonError("{\"a:Integer\": [1]}", "p.json: property 'a': the value is an array; use Integer[]");
        assertJsonError("{\"a:Integer[]\": 1}", "p.json: property 'a': the type is Integer[] but the value is not an array");
        assertJsonError("{\"a\": null}", "p.json: property 'a': null is not a configuration value");
        assertJsonError("{\"a\": {\"b\": 1}}", "p.json: property 'a': an object is not a configuration value");
        assertJsonError("{\"a\": [1, \"x\"]}", "p.json: property 'a': an array mixes Long and String values");
        assertJsonError("{\"a\": 1, \"a:Long\": 2}", "p.json: property 'a' is given twice");
        assertJsonError("{\"a:Character\": \"xy\"}", "p.json: property 'a': 'xy' is not a single Character");
        assertJsonError("{\"a:Boolean\": \"yes\"}", "p.json: property 'a': 'yes' is not a Boolean (true or false)");
        assertJsonError("{\":configurator:resource-version\": 1}", "p.json: the OSGi Configurator resource format");
    }

    @Test
    void nonUtf8TextIsRejected() {
        assertThatThrownBy(() -> ConfigFiles.parse("p.cfg", new byte[] {'a', '=', (byte) 0xff}))
            .isInstanceOf(ConfigFileException.class).hasMessage("p.cfg: not UTF-8 text");
    }

    private static void assertJsonError(String json, String messageStart) {
        assertThatThrownBy(() -> parse("p.json", json)).isInstanceOf(ConfigFileException.class)
            .hasMessageStartingWith(messageStart);
    }

    private static ConfigFiles.Parsed parse(String name, String content) throws ConfigFileException {
        return ConfigFiles.parse(name, content.getBytes(StandardCharsets.UTF_8));
    }
}
