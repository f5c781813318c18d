package payoutroutes.connector.aopay;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import payoutroutes.sandbox.aopay.AopaySandbox;

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

    /** Its sandbox, mounted when payouts.sandbox.enabled. */
    @BindToRegistry
    public AopaySandbox aopaySandbox() {
        return new AopaySandbox();
    }
}
