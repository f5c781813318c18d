package payoutroutes.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's properties when it runs alone, by the service's rule (contract section 1): a JVM system
 * property ({@code -Dpayouts.sandbox.port=...}) wins over an environment variable in upper snake case
 * ({@code PAYOUTS_SANDBOX_PORT=...}), which wins over the properties file. {@code {{other.key}}} in a value is
 * replaced by that key's value, as Camel does ({@code {{key:default}}} too).
 */
public final class SandboxProperties {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}:]+)(?::([^{}]*))?}}");
    private static final int MAX_DEPTH = 10;

    private SandboxProperties() {
    }

    /** The file (none is fine: defaults and overrides only), the JVM's system properties, the environment. */
    public static Function<String, Optional<String>> load(Path file) {
        Properties fromFile = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                fromFile.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        Properties system = System.getProperties();
        return layered(fromFile, system::getProperty, System.getenv());
    }

    /** The lookup over these three layers, placeholders resolved. */
    static Function<String, Optional<String>> layered(Properties file, Function<String, String> system,
                                                      Map<String, String> environment) {
        Function<String, String> raw = key -> {
            String value = system.apply(key);
            if (value == null) {
                value = environment.get(environmentName(key));
            }
            return value != null ? value : file.getProperty(key);
        };
        return key -> Optional.ofNullable(resolve(raw.apply(key), raw, 0));
    }

    /** {@code payouts.sandbox.max-payouts} → {@code PAYOUTS_SANDBOX_MAX_PAYOUTS}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String resolve(String value, Function<String, String> raw, int depth) {
        if (value == null || depth > MAX_DEPTH || !value.contains("{{")) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String replacement = resolve(raw.apply(m.group(1).trim()), raw, depth + 1);
            if (replacement == null) {
                replacement = m.group(2) != null ? m.group(2) : m.group();
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(resolved);
        return resolved.toString();
    }
}
