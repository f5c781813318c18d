package payoutroutes.sandbox;

import java.util.Map;

/**
 * A notification as a provider sends it: where to, which status it tells (for the log), its headers and
 * the exact bytes of its body.
 */
public record Notice(String url, String status, Map<String, String> headers, byte[] body) {
}
