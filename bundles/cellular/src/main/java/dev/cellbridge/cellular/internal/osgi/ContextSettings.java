package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.Authentication;
import dev.cellbridge.cellular.ContextType;
import dev.cellbridge.cellular.PdpContextConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A PDP context configuration, validated except for the password, which is checked once decoded
 * ({@link #plan(String)}). {@link #toString()} never shows the password.
 *
 * @param modemTarget    the {@code Modem.target} filter
 * @param contextId      1–5
 * @param type           IP type
 * @param apn            APN
 * @param username       login
 * @param storedPassword the password attribute as stored (perhaps encrypted)
 * @param authentication how the login is sent
 * @param dnsPrimary     "" for the network's
 * @param dnsSecondary   "" for none
 * @param activate       keep the context active
 * @param reactivate     try again after pdpdeact or a failed activation
 * @param retryInitial   first wait before trying again
 * @param retryMax       the longest wait
 */
record ContextSettings(String modemTarget, int contextId, ContextType type, String apn, String username,
        String storedPassword, Authentication authentication, String dnsPrimary, String dnsSecondary,
        boolean activate, boolean reactivate, Duration retryInitial, Duration retryMax) {

    static final String MODEM_TARGET = "Modem.target";
    static final String CONTEXT_ID = "context.id";
    static final String TYPE = "context.type";
    static final String APN = "apn";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String AUTHENTICATION = "authentication";
    static final String DNS_PRIMARY = "dns.primary";
    static final String DNS_SECONDARY = "dns.secondary";
    static final String ACTIVATE = "activate";
    static final String REACTIVATE = "reactivate";
    static final String RETRY_INITIAL = "reactivate.delay.initial";
    static final String RETRY_MAX = "reactivate.delay.max";

    static final String DEFAULT_TARGET = "(modem.name=modem)";

    private static final List<String> TYPES = List.of("IPv4", "IPv6", "IPv4v6");
    private static final List<String> AUTHENTICATIONS = List.of("none", "pap", "chap", "pap_or_chap");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /**
     * Reads and checks every attribute but the password's value.
     *
     * @throws BadAttributeException naming the attribute, its value and what is allowed
     */
    static ContextSettings from(Map<String, ?> properties) {
        Attributes a = new Attributes(properties);
        String target = a.filter(MODEM_TARGET, DEFAULT_TARGET);
        int id = a.integer(CONTEXT_ID, 1, 1, 5, "");
        ContextType type = ContextType.of(TYPES.indexOf(a.option(TYPE, "IPv4", TYPES)) + 1);
        Authentication authentication = Authentication.of(AUTHENTICATIONS.indexOf(
                a.option(AUTHENTICATION, "none", AUTHENTICATIONS)));
        String apn = a.string(APN, "");
        String username = a.string(USERNAME, "");
        Object stored = a.raw(PASSWORD);
        String password = stored == null ? "" : stored.toString();
        String primary = a.string(DNS_PRIMARY, "");
        String secondary = a.string(DNS_SECONDARY, "");
        if (!primary.isEmpty() && !isAddress(primary)) {
            throw new BadAttributeException(DNS_PRIMARY, "'" + primary + "'", "an IPv4 or IPv6 address, or empty");
        }
        if (!secondary.isEmpty() && !isAddress(secondary)) {
            throw new BadAttributeException(DNS_SECONDARY, "'" + secondary + "'", "an IPv4 or IPv6 address, or empty");
        }
        if (primary.isEmpty() && !secondary.isEmpty()) {
            throw new BadAttributeException(DNS_SECONDARY, "'" + secondary + "'", "empty while " + DNS_PRIMARY + " is");
        }
        boolean activate = a.bool(ACTIVATE, true);
        boolean reactivate = a.bool(REACTIVATE, true);
        int initial = a.integer(RETRY_INITIAL, 5, 1, 3600, "s");
        int max = a.integer(RETRY_MAX, 300, 1, 86_400, "s");
        if (max < initial) {
            throw new BadAttributeException(RETRY_MAX, Integer.toString(max),
                    "at least " + RETRY_INITIAL + " (" + initial + " s), at most 86400 s");
        }
        ContextSettings settings = new ContextSettings(target, id, type, apn, username, password, authentication,
                primary, secondary, activate, reactivate, Duration.ofSeconds(initial), Duration.ofSeconds(max));
        settings.plan(""); // everything but the password, as QICSGP will check it
        return settings;
    }

    /**
     * What the keeper applies, with the decoded password.
     *
     * @throws BadAttributeException naming the attribute (never the password's value)
     */
    ContextPlan plan(String password) {
        PdpContextConfig config;
        try {
            config = new PdpContextConfig(contextId, type, apn, username, password, authentication);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String attribute = message.startsWith("APN") ? APN : message.startsWith("username") ? USERNAME : PASSWORD;
            throw new BadAttributeException(attribute, message);
        }
        return new ContextPlan(config, dnsPrimary, dnsSecondary, activate, reactivate, retryInitial, retryMax);
    }

    /** An IPv4 literal, or an IPv6 one (only hex digits, colons and dots; parsed without any name lookup). */
    private static boolean isAddress(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (text.indexOf(':') < 0 || !text.matches("[0-9A-Fa-f.:]{2,45}")) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address; // a text with ':' is parsed as a literal
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ContextSettings[contextId=" + contextId + ", type=" + type + ", apn=" + apn + ", username=" + username
                + ", password=" + (storedPassword.isEmpty() ? "" : "****") + ", authentication=" + authentication
                + ", dns=" + dnsPrimary + "/" + dnsSecondary + ", activate=" + activate + ", reactivate=" + reactivate
                + " " + retryInitial + ".." + retryMax + ", target=" + modemTarget + "]";
    }
}
