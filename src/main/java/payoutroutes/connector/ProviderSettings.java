package payoutroutes.connector;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * One provider's configuration, the keys under {@code payouts.providers.<id>.}. Read through Camel's
 * properties, so JVM system properties and environment variables override the file.
 */
public record ProviderSettings(String id, CamelContext context) {

    /** The settings of the provider this exchange is with (exchange property {@code provider}). */
    public static ProviderSettings of(Exchange exchange) {
        return new ProviderSettings(exchange.getProperty("provider", String.class), exchange.getContext());
    }

    public Optional<String> get(String key) {
        return context.getPropertiesComponent().resolveProperty("payouts.providers." + id + "." + key)
                .map(String::trim).filter(v -> !v.isEmpty());
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException(
                "missing configuration payouts.providers." + id + "." + key));
    }

    public String baseUrl() {
        String url = require("base-url");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Bounds each HTTP call to the provider (connect, and then the answer), each call on its own. */
    public int timeoutMs() {
        return get("timeout-ms").map(Integer::parseInt).orElse(10_000);
    }

    /** Currency exponents that differ from ISO 4217 for this provider, as {@code IDR:0,CLP:0}. */
    public Map<String, Integer> currencyExponents() {
        return get("currency-exponents").map(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.split(":"))
                .collect(Collectors.toMap(p -> p[0].trim(), p -> Integer.parseInt(p[1].trim()))))
                .orElse(Map.of());
    }

    /** The currencies the provider takes; empty when not configured (then any ISO currency). */
    public Set<String> currencies() {
        return list("currencies");
    }

    public Set<String> list(String key) {
        return get(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** The URL this provider is to notify us at, built from payouts.public-base-url. */
    public String callbackUrl() {
        String base = context.getPropertiesComponent().resolveProperty("payouts.public-base-url")
                .orElse("http://localhost:8080");
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/callbacks/" + id;
    }
}
