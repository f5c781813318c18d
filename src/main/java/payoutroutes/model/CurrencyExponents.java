package payoutroutes.model;

import java.util.Currency;
import java.util.Map;

/**
 * How many decimals a currency carries: ISO 4217 (as the JDK knows it) unless the provider says
 * otherwise (e.g. IDR in whole units). A currency the JDK does not know has no exponent.
 */
public final class CurrencyExponents {

    private CurrencyExponents() {
    }

    public static boolean isIsoCurrency(String code) {
        try {
            return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The exponent, or -1 when neither the overrides nor ISO 4217 define one. */
    public static int exponent(String currency, Map<String, Integer> providerOverrides) {
        Integer override = providerOverrides.get(currency);
        if (override != null) {
            return override;
        }
        try {
            return Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
