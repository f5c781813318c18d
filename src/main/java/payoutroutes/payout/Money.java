package payoutroutes.payout;

import java.math.BigDecimal;
import java.util.Objects;

/** An exact amount in major units and its ISO 4217 currency. Never a binary float. */
public record Money(BigDecimal value, String currency) {

    public Money {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(currency, "currency");
    }

    /** The amount's significant decimals: 10.50 has one, 10 has none, 1E+3 has none. */
    public int decimals() {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /** The value without insignificant zeros and never in exponent form: 10000, 42.05, never 1E+4. */
    public BigDecimal normalized() {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public String plainValue() {
        return normalized().toPlainString();
    }

    @Override
    public String toString() {
        return plainValue() + " " + currency;
    }
}
