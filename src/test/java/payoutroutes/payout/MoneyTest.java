package payoutroutes.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
}
