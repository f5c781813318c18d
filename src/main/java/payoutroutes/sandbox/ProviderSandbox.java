package payoutroutes.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;

/** One provider family's sandbox (or the merchant's endpoint), mounted on the sandbox server. */
public interface ProviderSandbox {

    /** Adds the family's handlers, under /sandbox/{provider}/..., to the sandbox server's router. */
    void mount(SandboxRuntime runtime, Router router);

    /** Adds what it counts beyond its providers' {@link ProviderStats} to {@code GET /sandbox/_stats}. */
    default void report(ObjectNode stats) {
    }
}
