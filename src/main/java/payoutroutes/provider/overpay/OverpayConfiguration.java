package payoutroutes.provider.overpay;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The overpay (beGateway) family's beans, by the names routes/overpay.yaml calls them. */
@Configuration
public class OverpayConfiguration implements CamelConfiguration {

    @BindToRegistry(OverpayFamily.NAME)
    public OverpayFamily overpayFamily() {
        return new OverpayFamily();
    }

    @BindToRegistry
    public OverpayRequests overpayRequests() {
        return new OverpayRequests();
    }

    @BindToRegistry
    public OverpayCredentials overpayCredentials() {
        return new OverpayCredentials();
    }

    @BindToRegistry
    public OverpayReplies overpayReplies() {
        return new OverpayReplies();
    }
}
