package payoutroutes.service.api;

import java.util.Locale;

/**
 * The one media type the API reads: {@code application/json}, with no parameter but an optional
 * {@code charset=utf-8}. Matched exactly: {@code text/plain; x=json} is not JSON, and a body announced as
 * UTF-16 is not read as if it were UTF-8.
 */
final class JsonMediaType {

    private JsonMediaType() {
    }

    static boolean isUtf8Json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (!parameter.isEmpty() && !parameter.equals("charset=utf-8") && !parameter.equals("charset=\"utf-8\"")) {
                return false;
            }
        }
        return true;
    }
}
