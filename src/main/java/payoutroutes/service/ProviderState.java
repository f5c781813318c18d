package payoutroutes.service;

import java.util.Map;

/**
 * What health shows of a provider beside its route's state ({@link ProvidersCheck}). Any bean of this type in the
 * registry adds its details; a connector's circuit breaker, when there is one, says its state here.
 */
public interface ProviderState {

    /** Details of one provider: short keys (the provider's id is added in front), plain words or numbers. */
    Map<String, Object> of(String provider);
}
