package payoutroutes.connector;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import payoutroutes.model.PayoutRequest;

/**
 * What a service asks of a connector family before anything is kept or sent: can a provider of this
 * family take the payout (each reason becomes part of a 422), and how does it want its notifications
 * answered. Each family registers one (META-INF/services); a service finds a provider's family by name.
 */
public interface ProviderFamily {

    /** The family's name: {@code aopay-family}, {@code begateway-family}, {@code paypro}. */
    String name();

    /**
     * Why this provider can't take the request, empty when it can.
     *
     * @param setting the provider's configuration by key, the same keys its Kamelet's parameters come from
     *                ({@code method-codes}, {@code currency-exponents}, ...)
     */
    List<String> cannotTake(PayoutRequest request, Function<String, Optional<String>> setting);

    /** The body the provider expects in the 200 that accepts a notification (paypro: {@code OK}). */
    default String notificationAnswer() {
        return "";
    }
}
