package payoutroutes.provider.paypro;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** paypro's beans, by the names routes/paypro.yaml calls them. */
@Configuration
public class PayproConfiguration implements CamelConfiguration {

    @BindToRegistry(PayproFamily.NAME)
    public PayproFamily payproFamily() {
        return new PayproFamily();
    }

    @BindToRegistry
    public PayproRequests payproRequests() {
        return new PayproRequests();
    }

    @BindToRegistry
    public PayproSigner payproSigner() {
        return new PayproSigner();
    }

    @BindToRegistry
    public PayproReplies payproReplies() {
        return new PayproReplies();
    }
}
