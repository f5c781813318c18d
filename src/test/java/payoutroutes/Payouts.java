package payoutroutes;
import payoutroutes.model.Payout;

/** Canonical payout bodies for the tests: the contract's seed example, and variations of it. */
public final class Payouts {

    private Payouts() {
    }

    /** The contract's example (section 2), for the given provider (null: let the router choose). */
    public static String seed(String provider) {
        return seed(provider, "10000", "IDR", "11223344");
    }

    public static String seed(String provider, String amount, String currency, String accountNumber) {
        return """
                {
                  %s"amount": { "value": %s, "currency": "%s" },
                  "method": "BANK_TRANSFER",
                  "beneficiary": {
                    "name": "Test account",
                    "firstName": "Test", "lastName": "Account",
                    "accountNumber": "%s",
                    "bankCode": "BNK_000",
                    "email": "customer@test.com",
                    "phone": "6281245907765",
                    "country": "ID", "city": "Jakarta", "address": "Jl. Sudirman 1", "zip": "10210"
                  },
                  "description": "Payout for order 1234",
                  "callbackUrl": "https://merchant.example.com/payout-events",
                  "test": false,
                  "metadata": { "orderId": "1234" }
                }
                """.formatted(provider == null ? "" : "\"provider\": \"" + provider + "\",", amount, currency,
                accountNumber);
    }
}
