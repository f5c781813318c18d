package payoutroutes.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import payoutroutes.model.CurrencyExponents;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.PayoutRequest;
import payoutroutes.connector.ProviderFamily;

/**
 * The providers this instance can use. A provider exists when its route, from {@code direct:provider-<id>}, does
 * (made from a family's route template); its family is that route's group, a {@link ProviderFamily} that the
 * family's connector registers. So a provider is added with properties and a YAML instance, and removed by
 * removing them.
 */
public class Providers implements CamelContextAware {

    private static final Map<String, ProviderFamily> FAMILIES = ServiceLoader.load(ProviderFamily.class).stream()
            .map(ServiceLoader.Provider::get).collect(Collectors.toUnmodifiableMap(ProviderFamily::name, f -> f));

    private CamelContext context;
    private final Map<String, ProviderSettings> settings = new ConcurrentHashMap<>();

    public static String routeId(String provider) {
        return "provider-" + provider;
    }

    /** Every provider of this instance, by id: the routes from direct:provider-<id> that a family made. */
    public List<String> ids() {
        String prefix = "direct://" + routeId("");
        return context.getRoutes().stream()
                .filter(r -> r.getEndpoint().getEndpointUri().startsWith(prefix) && r.getGroup() != null
                        && FAMILIES.containsKey(r.getGroup()))
                .map(r -> r.getEndpoint().getEndpointUri().substring(prefix.length())).sorted().toList();
    }

    public boolean exists(String provider) {
        return provider != null && family(provider) != null;
    }

    public ProviderSettings settings(String provider) {
        return settings.computeIfAbsent(provider, id -> new ProviderSettings(id, context));
    }

    /**
     * How long a create may still be with this provider after its payout was recorded: the token call and the
     * create, each bounded by the timeout, and a margin. Before that, a RECEIVED payout may be in flight.
     */
    public Duration inFlight(String provider) {
        return Duration.ofMillis(settings(provider).timeoutMs() * 2L + 5_000);
    }

    /** The router's last step: the chosen provider must exist and be able to carry this payout, else 422. */
    public void checkCanTake(Exchange exchange) {
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        if (provider == null) {
            throw Problem.unprocessable("No provider's rules fit this payout");
        }
        List<String> reasons = cannotTake(provider, exchange.getMessage().getBody(PayoutRequest.class));
        if (!reasons.isEmpty()) {
            throw Problem.unprocessable(family(provider) == null ? "Unknown provider " + provider
                    : "Provider " + provider + " cannot take this payout: " + String.join("; ", reasons));
        }
    }

    /** Why this provider cannot take the payout; none when it can. */
    public List<String> cannotTake(String provider, PayoutRequest request) {
        ProviderFamily family = family(provider);
        if (family == null) {
            return List.of("no provider " + provider);
        }
        ProviderSettings providerSettings = settings(provider);
        List<String> reasons = new ArrayList<>(commonReasons(request, providerSettings));
        reasons.addAll(family.cannotTake(request, providerSettings::get));
        return reasons;
    }

    /** What every provider refuses: a currency it does not take, or more decimals than it can carry. */
    private static List<String> commonReasons(PayoutRequest request, ProviderSettings settings) {
        List<String> reasons = new ArrayList<>();
        String currency = request.amount().currency();
        if (!settings.currencies().isEmpty() && !settings.currencies().contains(currency)) {
            reasons.add("currency " + currency + " is not supported");
            return reasons;
        }
        int exponent = CurrencyExponents.exponent(currency, settings.currencyExponents());
        if (exponent < 0) {
            reasons.add("currency " + currency + " has no known exponent");
        } else if (request.amount().decimals() > exponent) {
            reasons.add("amount.value has " + request.amount().decimals() + " decimals but " + currency
                    + " carries " + exponent + " here; it is never rounded");
        }
        return reasons;
    }

    /** The family whose route template made this provider's route, or null when there is no such provider. */
    public ProviderFamily family(String provider) {
        if (provider == null) {
            return null;
        }
        String endpoint = "direct://" + routeId(provider);
        Route route = context.getRoutes().stream()
                .filter(r -> endpoint.equals(r.getEndpoint().getEndpointUri())).findFirst().orElse(null);
        if (route == null || route.getGroup() == null) {
            return null;
        }
        return FAMILIES.get(route.getGroup());
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }
}
