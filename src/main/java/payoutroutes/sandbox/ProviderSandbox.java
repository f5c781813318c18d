package payoutroutes.sandbox;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** One provider family's sandbox. Every such bean in the registry is mounted on the sandbox server. */
public interface ProviderSandbox {

    /** Adds the family's handlers, under /sandbox/{provider}/..., to the sandbox server's router. */
    void mount(Vertx vertx, Router router, SandboxSettings settings);
}
