package payoutroutes.service;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;

/**
 * One provider's configuration, the keys under {@code payouts.providers.<id>.}: the same keys its route
 * template hands its Kamelet. Read through Camel's properties, so system properties and environment
 * variables override the file.
 */
public record ProviderSettings(String id, CamelContext context) {

    public Optional<String> get(String key) {
        return context.getPropertiesComponent().resolveProperty("payouts.providers." + id + "." + key)
                .map(String::trim).filter(v -> !v.isEmpty());
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
        return get("currencies").map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }
}
