package payoutroutes.app;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.PropertiesComponent;
import payoutroutes.service.ConfiguredIds;
import payoutroutes.service.api.ApiClients;

/**
 * The sandbox's place (contract section 12). A provider is "the sandbox" when its base-url is under
 * {@code /sandbox/} on loopback or the sandbox's host (on any port: the sandbox may run alone, {@code SandboxApp});
 * any other base-url is a real provider. With one real provider the sandbox is not started at all (a payout is never settled by it while the
 * operator believes it went to a provider), and the service refuses to start while a shipped credential anyone can
 * read in this repository (the sandbox client's API key, the events signing secret) is still configured.
 */
public final class SandboxPlace {

    /** SHA-256 of the shipped sandbox client's key, sandbox-api-key. */
    static final String SHIPPED_API_KEY_SHA256 = ApiClients.sha256Hex("sandbox-api-key");
    static final String SHIPPED_EVENTS_SECRET = "sandbox-events-signing-secret";

    /** Why the service will not start; its message is the one line an operator reads. */
    public static class RefusedToStart extends RuntimeException {
        RefusedToStart(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> realProviders;

    private SandboxPlace(Map<String, String> realProviders) {
        this.realProviders = realProviders;
    }

    /** Reads every enabled provider's base-url (a blank one is a provider switched off). */
    public static SandboxPlace of(PropertiesComponent properties) {
        String host = properties.resolveProperty("payouts.sandbox.host").orElse("127.0.0.1");
        Set<String> sandboxHosts = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]", host));
        Map<String, String> real = new LinkedHashMap<>();
        for (String provider : ConfiguredIds.under(properties, "payouts.providers.", ".base-url")) {
            String baseUrl = properties.resolveProperty("payouts.providers." + provider + ".base-url").orElse("").trim();
            if (!baseUrl.isEmpty() && !isSandbox(baseUrl, sandboxHosts)) {
                real.put(provider, baseUrl);
            }
        }
        return new SandboxPlace(real);
    }

    public static boolean isSandbox(String baseUrl, Set<String> sandboxHosts) {
        try {
            URI uri = new URI(baseUrl);
            return "http".equals(uri.getScheme()) && uri.getHost() != null && sandboxHosts.contains(uri.getHost())
                    && uri.getRawPath() != null && uri.getRawPath().startsWith("/sandbox/");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** True when every enabled provider points at the sandbox: only then may it run. */
    public boolean everyProviderIsSandbox() {
        return realProviders.isEmpty();
    }

    /** The providers that are real, by id, for a log line that says why the sandbox is off. */
    public Set<String> realProviders() {
        return realProviders.keySet();
    }

    /**
     * Stops the start while a real provider is configured together with a credential shipped in this repository.
     * A similar rule (a shipped console password) belongs here too.
     */
    public void refuseShippedCredentials(ApiClients clients, String eventsSigningSecret) {
        if (realProviders.isEmpty()) {
            return;
        }
        List<String> shipped = new ArrayList<>();
        clients.clients().stream().filter(c -> SHIPPED_API_KEY_SHA256.equals(HexFormat.of().formatHex(c.keySha256())))
                .forEach(c -> shipped.add("the sandbox API key (client " + c.id() + ")"));
        if (SHIPPED_EVENTS_SECRET.equals(eventsSigningSecret)
                || clients.clients().stream().anyMatch(c -> SHIPPED_EVENTS_SECRET.equals(c.eventsSigningSecret()))) {
            shipped.add("the shipped events signing secret");
        }
        if (!shipped.isEmpty()) {
            Map.Entry<String, String> provider = realProviders.entrySet().iterator().next();
            throw new RefusedToStart("payout-routes will not start: provider " + provider.getKey() + " is real ("
                    + provider.getValue() + ") but shipped credentials are still configured: " + String.join(", ", shipped)
                    + "; set your own (README: Pointing it at real providers) or point every provider at the sandbox");
        }
    }
}
