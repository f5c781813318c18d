package payoutroutes.api;

import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Some providers post JSON as {@code application/x-www-form-urlencoded}. platform-http would parse such a
 * body as a form and lose the bytes that were signed (camel-stack pitfall 4). For the callbacks only,
 * the form type is set aside (kept in {@code X-Original-Content-Type}) before the body is read, so the
 * callback route gets the raw bytes whatever the provider called them.
 */
public class FormPostedJson implements StartupListener {

    public static final String ORIGINAL_CONTENT_TYPE = "X-Original-Content-Type";

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the server's router exists once the context runs
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context);
        if (router == null) {
            return;
        }
        router.route("/callbacks/*").order(-1000).handler(ctx -> {
            String type = ctx.request().getHeader("Content-Type");
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                ctx.request().headers().set(ORIGINAL_CONTENT_TYPE, type);
                ctx.request().headers().set("Content-Type", "application/octet-stream");
            }
            ctx.next();
        });
    }
}
