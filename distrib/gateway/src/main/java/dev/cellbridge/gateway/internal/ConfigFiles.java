package dev.cellbridge.gateway.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.felix.cm.file.ConfigurationHandler;

/**
 * Reads the three formats of the configuration directory. Each file holds one configuration; its name (without the
 * extension) is the PID, or {@code factoryPid~name} for a named factory configuration.
 * <ul>
 * <li>{@code .cfg}: Java properties (UTF-8); every value is a String (Declarative Services converts Strings to the
 * types of the component's configuration).</li>
 * <li>{@code .config}: Apache Felix ConfigAdmin's typed format ({@code port=I"7000"}, {@code names=["a","b"]}),
 * read by Felix's own reader.</li>
 * <li>{@code .json}: one JSON object of properties, typed as in the OSGi Configurator: strings, booleans, integral
 * numbers as Long, others as Double, arrays of one of these; {@code "name:Integer"} (or Long, Float, Double, Byte,
 * Short, Character, Boolean, String, with {@code []} for an array) sets the type.</li>
 * </ul>
 */
final class ConfigFiles {

    /** The formats, by file name extension. */
    enum Format {
        CFG(".cfg"),
        CONFIG(".config"),
        JSON(".json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** The format of a file name, if it has one of the extensions (case-insensitive). */
        static Optional<Format> of(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            for (Format format : values()) {
                if (lower.endsWith(format.extension)) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }

        String baseName(String fileName) {
            return fileName.substring(0, fileName.length() - extension.length());
        }
    }

    /** A parsed file: which configuration, and its properties (insertion-ordered, never null values). */
    record Parsed(ConfigId id, Map<String, Object> properties) {
        Parsed {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    private ConfigFiles() {
    }

    /**
     * Whether the directory entry of this name is a configuration file; hidden files (editors' temporary files
     * among them) are not.
     */
    static boolean isConfigFile(String fileName) {
        return !fileName.startsWith(".") && Format.of(fileName).isPresent();
    }

    /** Parses one file's content; the exception names the file and what is wrong with it. */
    static Parsed parse(String fileName, byte[] content) throws ConfigFileException {
        Format format = Format.of(fileName)
            .orElseThrow(() -> new ConfigFileException(fileName + ": not a .cfg, .config or .json file"));
        ConfigId id = ConfigId.fromBaseName(format.baseName(fileName))
            .orElseThrow(() -> new ConfigFileException(fileName + ": the file name must be <pid>" + format.extension
                + " or <factoryPid>~<name>" + format.extension));
        Map<String, Object> properties = switch (format) {
            case CFG -> readProperties(fileName, content);
            case CONFIG -> readFelixConfig(fileName, content);
            case JSON -> JsonConfig.read(fileName, utf8(fileName, content));
        };
        return new Parsed(id, properties);
    }

    private static Map<String, Object> readProperties(String fileName, byte[] content) throws ConfigFileException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(utf8(fileName, content)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigFileException(fileName + ": " + e.getMessage(), e);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return map;
    }

    private static Map<String, Object> readFelixConfig(String fileName, byte[] content) throws ConfigFileException {
        Dictionary<?, ?> dictionary;
        try {
            dictionary = ConfigurationHandler.read(new ByteArrayInputStream(content));
        } catch (IOException | RuntimeException e) {
            throw new ConfigFileException(fileName + ": not in the Felix .config format: " + e.getMessage(), e);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Enumeration<?> keys = dictionary.keys(); keys.hasMoreElements();) {
            Object key = keys.nextElement();
            map.put(key.toString(), dictionary.get(key));
        }
        return map;
    }

    private static String utf8(String fileName, byte[] content) throws ConfigFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(content))
                .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigFileException(fileName + ": not UTF-8 text", e);
        }
    }
}
