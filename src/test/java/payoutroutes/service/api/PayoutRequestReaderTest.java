package payoutroutes.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import payoutroutes.Payouts;
import payoutroutes.model.PayoutRequest;
import payoutroutes.service.Problem;

class PayoutRequestReaderTest {

    private final PayoutRequestReader reader = new PayoutRequestReader();

    private PayoutRequest read(String json) {
        return reader.read("P-1", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void amountsAreReadExactlyFromTheJsonText() {
        assertEquals(new BigDecimal("0.1"), read(Payouts.seed("aopay", "0.1", "USD", "1")).amount().value());
        assertEquals(new BigDecimal("42.05"), read(Payouts.seed("aopay", "\"42.05\"", "USD", "1")).amount().value());
        assertEquals(new BigDecimal("12345678901234567890.12"),
                read(Payouts.seed("aopay", "12345678901234567890.12", "USD", "1")).amount().value());
    }

    @Test
    void theSameContentHasTheSameFingerprintWhateverItsSpelling() {
        String plain = read(Payouts.seed("aopay")).fingerprint();
        assertEquals(plain, read(Payouts.seed("aopay", "10000.00", "IDR", "11223344")).fingerprint());
        assertEquals(plain, read(Payouts.seed("aopay", "\"10000\"", "IDR", "11223344")).fingerprint());
        assertEquals(plain, read(Payouts.seed("aopay").replace("\n", "")).fingerprint());
        assertNotEquals(plain, read(Payouts.seed("aopay", "10000.01", "IDR", "11223344")).fingerprint());
        assertNotEquals(plain, read(Payouts.seed("aopay", "10000", "IDR", "11223345")).fingerprint());
    }

    @Test
    void duplicateKeysAreMalformed() {
        Problem problem = assertThrows(Problem.class, () -> read("{\"method\":\"BANK_TRANSFER\",\"method\":\"X\"}"));
        assertEquals(400, problem.status());
        assertEquals("body", problem.errors().get(0).field());
    }
}
