package payoutroutes.provider.aopay;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The aopay family's beans, by the names routes/aopay-family.yaml calls them. */
@Configuration
public class AopayConfiguration implements CamelConfiguration {

    @BindToRegistry(AopayFamily.NAME)
    public AopayFamily aopayFamily() {
        return new AopayFamily();
    }

    @BindToRegistry
    public AopayRequests aopayRequests() {
        return new AopayRequests();
    }

    @BindToRegistry
    public AopayTokens aopayTokens() {
        return new AopayTokens();
    }

    @BindToRegistry
    public AopayReplies aopayReplies() {
        return new AopayReplies();
    }
}
