package payoutroutes.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void decimalsCountOnlyWhatIsSignificant() {
        assertEquals(0, new Money(new BigDecimal("10000"), "IDR").decimals());
        assertEquals(0, new Money(new BigDecimal("10000.00"), "IDR").decimals());
        assertEquals(0, new Money(new BigDecimal("1E+4"), "IDR").decimals());
        assertEquals(2, new Money(new BigDecimal("42.05"), "USD").decimals());
        assertEquals(3, new Money(new BigDecimal("10.001"), "USD").decimals());
    }

    @Test
    void valuesAreWrittenPlainlyAndExactly() {
        assertEquals("10000", new Money(new BigDecimal("1E+4"), "IDR").plainValue());
        assertEquals("42.05", new Money(new BigDecimal("42.050"), "USD").plainValue());
        assertEquals("0.1", new Money(new BigDecimal("0.10"), "USD").plainValue());
    }

    @Test
    void exponentsComeFromIso4217UnlessTheProviderSaysOtherwise() {
        assertEquals(2, CurrencyExponents.exponent("USD", Map.of()));
        assertEquals(0, CurrencyExponents.exponent("JPY", Map.of()));
        assertEquals(3, CurrencyExponents.exponent("KWD", Map.of()));
        assertEquals(2, CurrencyExponents.exponent("IDR", Map.of()));
        assertEquals(0, CurrencyExponents.exponent("IDR", Map.of("IDR", 0)));
        assertEquals(-1, CurrencyExponents.exponent("XYZ", Map.of()));
        assertTrue(CurrencyExponents.isIsoCurrency("IDR"));
        assertFalse(CurrencyExponents.isIsoCurrency("XYZ"));
    }

    @Test
    void minorUnitsAreExact() {
        assertEquals(BigInteger.valueOf(3245), new Money(new BigDecimal("32.45"), "USD").toMinorUnits(2));
        assertEquals(BigInteger.valueOf(3240), new Money(new BigDecimal("32.4"), "USD").toMinorUnits(2));
        assertEquals(BigInteger.valueOf(500), new Money(new BigDecimal("500"), "JPY").toMinorUnits(0));
        assertEquals(BigInteger.valueOf(1234), new Money(new BigDecimal("1.234"), "KWD").toMinorUnits(3));
        assertEquals(BigInteger.valueOf(10000), new Money(new BigDecimal("10000"), "IDR").toMinorUnits(0));
        assertEquals(BigInteger.valueOf(10000), new Money(new BigDecimal("1E+4"), "IDR").toMinorUnits(0));
        assertEquals(BigInteger.valueOf(10), new Money(new BigDecimal("10.000"), "JPY").toMinorUnits(0));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                new Money(new BigDecimal("1234567890123456789012345678.90"), "USD").toMinorUnits(2));
    }

    @Test
    void minorUnitsAreNeverRounded() {
        assertThrows(ArithmeticException.class, () -> new Money(new BigDecimal("10.001"), "USD").toMinorUnits(2));
        assertThrows(ArithmeticException.class, () -> new Money(new BigDecimal("10.5"), "JPY").toMinorUnits(0));
        assertThrows(ArithmeticException.class, () -> new Money(new BigDecimal("0.0001"), "KWD").toMinorUnits(3));
        assertThrows(IllegalArgumentException.class, () -> new Money(BigDecimal.ONE, "XYZ").toMinorUnits(-1));
    }
}
