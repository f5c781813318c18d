package payoutroutes.service;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The ids configured under a prefix, e.g. the clients of {@code payouts.clients.<id>.api-key-sha256} or the
 * providers of {@code payouts.providers.<id>.base-url}, wherever they are set: the properties file, a JVM system
 * property, or an environment variable ({@code PAYOUTS_CLIENTS_<ID>_API_KEY_SHA256}, the id lower-cased, its
 * underscores read as dashes, as Camel maps such a variable back).
 */
public final class ConfiguredIds {

    private ConfiguredIds() {
    }

    public static Set<String> under(PropertiesComponent properties, String prefix, String suffix) {
        Set<String> ids = new TreeSet<>();
        properties.loadProperties(key -> key.startsWith(prefix) && key.endsWith(suffix))
                .stringPropertyNames().forEach(key -> add(ids, key, prefix, suffix));
        System.getProperties().stringPropertyNames().forEach(key -> add(ids, key, prefix, suffix));
        String envPrefix = envName(prefix);
        String envSuffix = envName(suffix);
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            String name = variable.getKey();
            if (name.startsWith(envPrefix) && name.endsWith(envSuffix) && name.length() > envPrefix.length() + envSuffix.length()) {
                ids.add(name.substring(envPrefix.length(), name.length() - envSuffix.length())
                        .toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        return ids;
    }

    private static void add(Set<String> ids, String key, String prefix, String suffix) {
        if (key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()) {
            String id = key.substring(prefix.length(), key.length() - suffix.length());
            if (!id.contains(".")) {
                ids.add(id);
            }
        }
    }

    private static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
