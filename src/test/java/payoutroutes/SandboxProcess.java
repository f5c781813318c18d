package payoutroutes;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import payoutroutes.sandbox.ProviderSandbox;
import payoutroutes.sandbox.SandboxProperties;
import payoutroutes.sandbox.SandboxProviders;
import payoutroutes.sandbox.SandboxSettings;

/**
 * The sandbox providers on their own, in the test's JVM, for tests that run the service as another
 * process: what reached the providers is still counted after the service was killed.
 */
public final class SandboxProcess implements AutoCloseable {

    private final SandboxProviders sandbox;

    private SandboxProcess(Map<String, String> overrides) {
        var file = SandboxProperties.load(Path.of("application.properties"));
        sandbox = SandboxProviders.withEveryFamily(new SandboxSettings(
                key -> Optional.ofNullable(overrides.get(key)).or(() -> file.apply(key))));
    }

    /** Starts the sandbox on a free loopback port with these {@code payouts.sandbox.*} overrides. */
    public static SandboxProcess start(Map<String, String> overrides) {
        Map<String, String> settings = new java.util.HashMap<>(overrides);
        settings.putIfAbsent("payouts.sandbox.port", String.valueOf(RunningService.freePort()));
        settings.putIfAbsent("payouts.sandbox.host", "127.0.0.1");
        SandboxProcess process = new SandboxProcess(settings);
        process.sandbox.start();
        return process;
    }

    /** The base-url properties that point the service's providers at this sandbox. */
    public Map<String, String> providerBaseUrls() {
        String root = "http://127.0.0.1:" + sandbox.port() + "/sandbox/";
        Map<String, String> urls = new java.util.HashMap<>();
        for (String provider : new String[] {"aopay", "echelonpay", "komopay", "overpay", "paypro"}) {
            urls.put("payouts.providers." + provider + ".base-url", root + provider);
        }
        return urls;
    }

    public String merchantUrl() {
        return "http://127.0.0.1:" + sandbox.port() + "/sandbox/merchant/events";
    }

    /** How many creates for this payout reached its provider's sandbox. */
    public int createCalls(String provider, String payoutId) {
        return sandbox.stats(provider).creates(payoutId);
    }

    /** How many status queries about this payout reached its provider's sandbox. */
    public int statusQueries(String provider, String payoutId) {
        return sandbox.stats(provider).statusQueries(payoutId);
    }

    /** The body of {@code GET /sandbox/_stats}: per provider creates, duplicateCreates, faults applied; the merchant's totals. */
    public com.fasterxml.jackson.databind.node.ObjectNode stats() {
        return sandbox.stats();
    }

    public <T extends ProviderSandbox> T sandbox(Class<T> type) {
        return sandbox.sandbox(type);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
