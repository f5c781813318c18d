package payoutroutes.model;

import java.math.BigDecimal;
import java.math.BigInteger;
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

    /**
     * The amount in minor units for a currency of {@code exponent} decimals (32.45 at 2 is 3245, 10000 at 0 is
     * 10000), exactly: an amount with more decimals than the currency carries is refused, never rounded.
     *
     * @throws ArithmeticException when the amount has more significant decimals than {@code exponent}
     */
    public BigInteger toMinorUnits(int exponent) {
        if (exponent < 0) {
            throw new IllegalArgumentException("no exponent for " + currency);
        }
        return value.movePointRight(exponent).toBigIntegerExact();
    }

    public String plainValue() {
        return normalized().toPlainString();
    }

    @Override
    public String toString() {
        return plainValue() + " " + currency;
    }
}
