package payoutroutes.connector.paypro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payoutroutes.connector.paypro.PayproSigner.SecretPosition;

/** paypro's sign against the research notes' worked examples (section C), and the rules behind it. */
class PayproSignerTest {

    /** The docs' payOut example, its email replaced as in the research notes. */
    static final String PAY_OUT_EXAMPLE = """
            {"amount": 100000, "bankAccountNo": "5464438554636", "bankCode": "0002", "customerName": "kevin",
             "email": "kevin@example.com", "mobile": "6281245907765", "notifyUrl": "https://google.com",
             "remark": "remark", "sign": "5aa258e8b5d28150097b86f55c2d2307", "timestamp": 1732985021335,
             "tradeNo": "39fa354542824ee789faf526f27c024f"}""";

    private static Map<String, String> fields(String json) {
        return PayproSigner.fieldTexts(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePayOutExampleSignsAsTheNotesSay() {
        assertEquals("amount=100000bankAccountNo=5464438554636bankCode=0002customerName=kevin"
                + "email=kevin@example.commobile=6281245907765notifyUrl=https://google.comremark=remark"
                + "timestamp=1732985021335tradeNo=39fa354542824ee789faf526f27c024f",
                PayproSigner.signedText(fields(PAY_OUT_EXAMPLE)));
        assertEquals("278d2f5c8c37f2f8d6814382773b2291",
                PayproSigner.sign(fields(PAY_OUT_EXAMPLE), "TESTSECRET", SecretPosition.APPEND));
    }

    @Test
    void theSecretCanBePrepended() {
        assertEquals("3fcf97fd950bc399a26cae048982bd2b",
                PayproSigner.sign(fields(PAY_OUT_EXAMPLE), "TESTSECRET", SecretPosition.PREPEND));
    }

    @Test
    void theQueryExampleSignsAsTheNotesSay() {
        // the query's timestamp is a string in the docs: it signs as the same digits
        String query = """
                {"sign": "ee5c512fe36fed2afe2d36ab248e0eb8", "timestamp": "1728613320708", "tradeNo": "test_00000002"}""";
        assertEquals("97d8b2b6b81942d1ed0359930c10bda1",
                PayproSigner.sign(fields(query), "TESTSECRET", SecretPosition.APPEND));
    }

    @Test
    void keysSortInJavaStringOrderOnTheWholeKey() {
        Map<String, String> unordered = new HashMap<>();
        unordered.put("bb", "3");
        unordered.put("b", "2");
        unordered.put("Z", "1");
        unordered.put("a", "4");
        // upper case before lower case, and a key before the longer keys it starts
        assertEquals("Z=1a=4b=2bb=3", PayproSigner.signedText(unordered));
    }

    @Test
    void emptyValuesAndTheSignItselfAreLeftOutAndANullIsSignedAsNull() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", "T1");
        fields.put("remark", "");
        fields.put("sign", "whatever");
        fields.put("email", null);
        assertEquals("email=nulltradeNo=T1", PayproSigner.signedText(fields));
    }

    @Test
    void aFieldIsSignedAsItsTextInTheJson() {
        assertEquals("30000", fields("{\"amount\":\"30000\"}").get("amount"));
        assertEquals("30000", fields("{\"amount\":30000}").get("amount"));
        assertEquals("30000.00", fields("{\"amount\":30000.00}").get("amount"));
        assertEquals("true", fields("{\"test\":true}").get("test"));
        assertEquals(PayproSigner.sign(fields("{\"amount\":\"30000\",\"tradeNo\":\"T\"}"), "S", SecretPosition.APPEND),
                PayproSigner.sign(fields("{\"tradeNo\":\"T\",\"amount\":30000}"), "S", SecretPosition.APPEND));
    }

    @Test
    void onlyOneFlatObjectWithDistinctFieldsCanBeSigned() {
        assertThrows(IllegalArgumentException.class, () -> fields("{\"data\":{\"a\":1}}"));
        assertThrows(IllegalArgumentException.class, () -> fields("{\"list\":[1]}"));
        assertThrows(IllegalArgumentException.class, () -> fields("{\"a\":\"1\",\"a\":\"2\"}"));
        assertThrows(IllegalArgumentException.class, () -> fields("[1]"));
        assertThrows(IllegalArgumentException.class, () -> fields("{\"a\":1} {\"b\":2}"));
        assertThrows(IllegalArgumentException.class, () -> fields("not json"));
    }

    @Test
    void signsCompareWhateverTheHexCase() {
        assertTrue(PayproSigner.matches("278d2f5c8c37f2f8d6814382773b2291", "278D2F5C8C37F2F8D6814382773B2291"));
        assertFalse(PayproSigner.matches("278d2f5c8c37f2f8d6814382773b2291", "278d2f5c8c37f2f8d6814382773b2292"));
        assertFalse(PayproSigner.matches("278d2f5c8c37f2f8d6814382773b2291", null));
    }

    @Test
    void thePositionIsReadFromConfiguration() {
        assertEquals(SecretPosition.PREPEND, SecretPosition.of(" Prepend "));
        assertEquals(SecretPosition.APPEND, SecretPosition.of("append"));
        assertThrows(IllegalStateException.class, () -> SecretPosition.of("middle"));
    }
}
