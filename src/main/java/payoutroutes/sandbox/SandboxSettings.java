package payoutroutes.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/** The sandbox's configuration, the keys under {@code payouts.sandbox.}. */
public record SandboxSettings(PropertiesComponent properties) {

    public String host() {
        return get("host").orElse("0.0.0.0");
    }

    public int port() {
        return get("port").map(Integer::parseInt).orElse(8090);
    }

    /** How long after a create the sandbox settles the payout and notifies. */
    public long settleAfterMs() {
        return get("settle-after-ms").map(Long::parseLong).orElse(3000L);
    }

    /** How long the sandbox sits on the answer to a payout whose account number starts with 9001. */
    public long slowReplyMs() {
        return get("slow-reply-ms").map(Long::parseLong).orElse(30_000L);
    }

    /** The merchant sandbox's copy of payouts.events.signing-secret. */
    public String merchantSigningSecret() {
        return get("merchant.signing-secret").orElseGet(() ->
                properties.resolveProperty("payouts.events.signing-secret").orElse(null));
    }

    public List<String> aopayBrands() {
        return Arrays.stream(get("aopay-family.brands").orElse("aopay,echelonpay,komopay").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The merchant a sandbox brand accepts: {@code payouts.sandbox.<brand>.merchant-code} and {@code .secret}. */
    public Optional<String> brand(String brand, String key) {
        return get(brand + "." + key);
    }

    private Optional<String> get(String key) {
        return properties.resolveProperty("payouts.sandbox." + key).map(String::trim).filter(s -> !s.isEmpty());
    }
}
