package payoutroutes.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The contract's rule that an environment variable in upper snake case overrides a key of
 * ./application.properties ({@code PAYOUTS_PROVIDERS_AOPAY_BASE_URL}, {@code CAMEL_SERVER_PORT}). Camel
 * applies it when it resolves a placeholder, but binds some of its own keys (the HTTP server's port among
 * them) before it looks at the environment, so the server opened on the file's port. Handing every such
 * variable to camel-main as an override before it starts makes the rule hold for every key. A JVM system
 * property for the same key still wins.
 */
final class EnvironmentOverrides {

    private EnvironmentOverrides() {
    }

    static Properties of(Path file, Map<String, String> environment, Properties system) {
        Properties keys = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                keys.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("could not read " + file, e);
            }
        }
        Properties overrides = new Properties();
        for (String key : keys.stringPropertyNames()) {
            String value = environment.get(variableOf(key));
            if (value != null && !system.containsKey(key)) {
                overrides.setProperty(key, value);
            }
        }
        return overrides;
    }

    /** camel.server.port → CAMEL_SERVER_PORT; payouts.providers.aopay.base-url → PAYOUTS_PROVIDERS_AOPAY_BASE_URL. */
    static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
