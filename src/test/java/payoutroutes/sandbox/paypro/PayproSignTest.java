package payoutroutes.sandbox.paypro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payoutroutes.sandbox.paypro.PayproSign.Salt;

/** The sandbox's own paypro sign against the worked examples of the research notes (section C). */
class PayproSignTest {

    private static final String SECRET = "TESTSECRET";

    private static Map<String, String> payOutExample() {
        Map<String, String> fields = new LinkedHashMap<>();
        // in no particular order, as a body may come
        fields.put("tradeNo", "39fa354542824ee789faf526f27c024f");
        fields.put("timestamp", "1732985021335");
        fields.put("remark", "remark");
        fields.put("notifyUrl", "https://google.com");
        fields.put("mobile", "6281245907765");
        fields.put("email", "kevin@example.com");
        fields.put("customerName", "kevin");
        fields.put("bankCode", "0002");
        fields.put("bankAccountNo", "5464438554636");
        fields.put("amount", "100000");
        return fields;
    }

    @Test
    void thePayOutExampleSignsAsTheNotesWorkedItOut() {
        assertEquals("amount=100000bankAccountNo=5464438554636bankCode=0002customerName=kevinemail=kevin@example.com"
                + "mobile=6281245907765notifyUrl=https://google.comremark=remarktimestamp=1732985021335"
                + "tradeNo=39fa354542824ee789faf526f27c024f", PayproSign.signedText(payOutExample()));
        assertEquals("278d2f5c8c37f2f8d6814382773b2291", PayproSign.of(payOutExample(), SECRET, Salt.APPENDED));
        assertEquals("3fcf97fd950bc399a26cae048982bd2b", PayproSign.of(payOutExample(), SECRET, Salt.PREPENDED));
    }

    @Test
    void theQueryExampleSignsAsTheNotesWorkedItOut() {
        Map<String, String> query = Map.of("tradeNo", "test_00000002", "timestamp", "1728613320708");
        assertEquals("97d8b2b6b81942d1ed0359930c10bda1", PayproSign.of(query, SECRET, Salt.APPENDED));
    }

    @Test
    void signAndEmptyValuesAreLeftOutAndANullIsSignedAsTheTextNull() {
        Map<String, String> fields = new HashMap<>(payOutExample());
        fields.put("sign", "whatever came");
        fields.put("channelCode", "");
        assertEquals(PayproSign.of(payOutExample(), SECRET, Salt.APPENDED), PayproSign.of(fields, SECRET, Salt.APPENDED));

        fields.put("remark", null);
        assertTrue(PayproSign.signedText(fields).contains("remark=null"), "as the documented String.valueOf does");
    }

    @Test
    void keysAreOrderedByTheWholeKeyCaseSensitively() {
        assertEquals("B=2a=1ab=3", PayproSign.signedText(Map.of("ab", "3", "a", "1", "B", "2")));
    }

    @Test
    void aFieldIsSignedAsItsTextInTheJsonWhateverItsType() {
        Map<String, String> asString = PayproSign.fields("{\"amount\":\"30000\",\"tradeNo\":\"T-1\"}");
        Map<String, String> asNumber = PayproSign.fields("{\"amount\":30000,\"tradeNo\":\"T-1\"}");
        assertEquals(asString, asNumber);
        assertEquals("30000.00", PayproSign.fields("{\"amount\":30000.00}").get("amount"), "exactly as written");
        assertEquals(null, PayproSign.fields("{\"remark\":null}").get("remark"));
    }

    @Test
    void onlyOneFlatObjectWithDistinctKeysIsABody() {
        assertThrows(IllegalArgumentException.class, () -> PayproSign.fields("[]"));
        assertThrows(IllegalArgumentException.class, () -> PayproSign.fields("{\"a\":{\"b\":1}}"));
        assertThrows(IllegalArgumentException.class, () -> PayproSign.fields("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> PayproSign.fields("{\"a\":1} {}"));
        assertThrows(IllegalArgumentException.class, () -> PayproSign.fields("{\"a\":"));
    }

    @Test
    void aCarriedSignMatchesInEitherHexCaseAndNothingElseDoes() {
        String sign = PayproSign.of(payOutExample(), SECRET, Salt.APPENDED);
        assertTrue(PayproSign.matches(sign, sign.toUpperCase()));
        assertFalse(PayproSign.matches(sign, PayproSign.of(payOutExample(), SECRET, Salt.PREPENDED)));
        assertFalse(PayproSign.matches(sign, null));
    }
}
