package payoutroutes.connector.paypro;

import payoutroutes.model.Failure;
import payoutroutes.model.PayoutStatus;

/**
 * paypro's two layers of codes to canonical (errorcode pages): the outer {@code code} says whether the
 * call itself was taken, {@code data.status} what became of the order. UNKNOWN here means "we can't
 * tell": the replies turn it into an outcome without an answer, so that a create becomes UNKNOWN and a
 * status query leaves the payout as it is (a payout enters UNKNOWN from RECEIVED only).
 */
public final class PayproStatusMapping {

    /** Outer code: the call was taken; what became of the order is in data.status. */
    public static final String CALL_TAKEN = "0000";
    /** Outer code: "System operation exception", paypro's own failure; the order may exist. */
    public static final String SYSTEM_EXCEPTION = "5000";
    public static final String SUCCESS = "0000";
    public static final String IN_PROGRESS = "0015";
    public static final String UNKNOWN_ERROR = "00032";

    private PayproStatusMapping() {
    }

    public static boolean callTaken(String code) {
        return CALL_TAKEN.equals(code);
    }

    /** A payOut call paypro did not take: 5000 leaves the payout unknown, any other code refused it. */
    public static PayoutStatus refusedCall(String code) {
        return SYSTEM_EXCEPTION.equals(code) ? PayoutStatus.UNKNOWN : PayoutStatus.FAILED;
    }

    /**
     * {@code data.status}: 0000 paid, 0015 in progress, 00032 an unknown error that a query must
     * confirm (the docs call it a failure; a payout is not failed on a guess), every other code a failure
     * (0001, partial payment, is a payin code: on a payout it is a failure too).
     */
    public static PayoutStatus orderStatus(String status) {
        return switch (status) {
            case SUCCESS -> PayoutStatus.SUCCEEDED;
            case IN_PROGRESS -> PayoutStatus.PROCESSING;
            case UNKNOWN_ERROR -> PayoutStatus.UNKNOWN;
            default -> PayoutStatus.FAILED;
        };
    }

    /** The failure of a refused call or a failed order, with paypro's own code and words. */
    public static Failure failure(String providerCode, String providerMessage) {
        String message = providerMessage == null || providerMessage.isBlank()
                ? "paypro refused the payout with code " + providerCode : providerMessage;
        return Failure.rejected(message, providerCode);
    }
}
