package payoutroutes.model;

import java.util.regex.Pattern;

/** The merchant's payoutId (contract section 2): the idempotency key, and the providers' reference too. */
public final class PayoutIds {

    public static final String RULE = "must be 1 to 64 characters of A-Z a-z 0-9 . _ -, not dots alone";

    // dots alone (".", "..") are refused too: in a provider's URL path they would name another resource
    private static final Pattern VALID = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");

    private PayoutIds() {
    }

    public static boolean isValid(String payoutId) {
        return payoutId != null && VALID.matcher(payoutId).matches();
    }
}
