package payoutroutes.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The sandbox's configuration, the keys under {@code payouts.sandbox.}, read through a plain lookup of full
 * key names: Camel's properties when the service runs the sandbox, {@link SandboxProperties} when it runs
 * alone ({@link SandboxApp}).
 */
public final class SandboxSettings {

    public static final String PREFIX = "payouts.sandbox.";

    private final Function<String, Optional<String>> lookup;

    public SandboxSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Loopback by default: a sandbox that settles payouts is no one else's business. */
    public String host() {
        return get("host").orElse("127.0.0.1");
    }

    public int port() {
        return get("port").map(Integer::parseInt).orElse(8090);
    }

    /** How long after a create the sandbox settles the payout and notifies. */
    public long settleAfterMs() {
        return get("settle-after-ms").map(Long::parseLong).orElse(3000L);
    }

    /** How long a delayed answer waits when its fault names no duration (e.g. account numbers 9001...). */
    public long slowReplyMs() {
        return get("slow-reply-ms").map(Long::parseLong).orElse(30_000L);
    }

    /** How many payouts each provider holds; the oldest is forgotten first. */
    public int maxPayouts() {
        return get("max-payouts").map(Integer::parseInt).orElse(100_000);
    }

    /** The configured faults, in the grammar of {@link payoutroutes.sandbox.fault.FaultPlan}; empty: none. */
    public String faults() {
        return get("faults").orElse("");
    }

    /** The seed of the faults' draws, for a repeatable run; none: a new sequence each start. */
    public OptionalLong faultsSeed() {
        return get("faults-seed").map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
    }

    /** The merchant sandbox's copy of payouts.events.signing-secret. */
    public Optional<String> merchantSigningSecret() {
        return get("merchant.signing-secret").or(() -> value("payouts.events.signing-secret"));
    }

    public List<String> aopayBrands() {
        return list("aopay-family.brands", "aopay,echelonpay,komopay");
    }

    /** A list key, comma-separated. */
    public List<String> list(String key, String fallback) {
        return Arrays.stream(get(key).orElse(fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A key under {@code payouts.sandbox.}, e.g. {@code overpay.shop-id}; blank counts as unset. */
    public Optional<String> get(String key) {
        return value(PREFIX + key);
    }

    private Optional<String> value(String fullKey) {
        return lookup.apply(fullKey).map(String::trim).filter(s -> !s.isEmpty());
    }
}
