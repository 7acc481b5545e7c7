package dev.cellbridge.relay.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code cmd/config} on ConfigurationAdmin. */
final class ConfigAdminStore implements ConfigStore {

    private final Supplier<ConfigurationAdmin> admin;

    ConfigAdminStore(Supplier<ConfigurationAdmin> admin) {
        this.admin = admin;
    }

    private ConfigurationAdmin admin() throws IOException {
        ConfigurationAdmin ca = admin.get();
        if (ca == null) {
            throw new IOException("ConfigurationAdmin is not available");
        }
        return ca;
    }

    @Override
    public List<Config> get(String pid) throws IOException {
        String value = ldapEscape(pid);
        String filter = "(|(" + Constants.SERVICE_PID + "=" + value + ")(" + ConfigurationAdmin.SERVICE_FACTORYPID + "="
                + value + "))";
        Configuration[] found;
        try {
            found = admin().listConfigurations(filter);
        } catch (InvalidSyntaxException e) {
            throw new IOException("pid \"" + pid + "\" cannot be looked up: " + e.getMessage(), e);
        }
        List<Config> list = new ArrayList<>();
        if (found != null) {
            for (Configuration c : found) {
                list.add(new Config(c.getPid(), c.getFactoryPid(), map(c.getProperties())));
            }
        }
        list.sort((a, b) -> a.pid().compareTo(b.pid()));
        return list;
    }

    @Override
    public String set(String pid, String factoryPid, Map<String, Object> properties) throws IOException {
        Configuration c = pid != null ? admin().getConfiguration(pid, "?")
                : admin().createFactoryConfiguration(factoryPid, "?");
        Dictionary<String, Object> d = c.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (d != null) {
            for (String k : Collections.list(d.keys())) {
                next.put(k, d.get(k));
            }
        }
        next.putAll(properties);
        c.update(next);
        return c.getPid();
    }

    /** A pid as an LDAP filter value: a pid from the fleet must not widen the filter. */
    static String ldapEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static Map<String, Object> map(Dictionary<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        if (d != null) {
            for (String k : Collections.list(d.keys())) {
                m.put(k, d.get(k));
            }
        }
        return m;
    }
}
