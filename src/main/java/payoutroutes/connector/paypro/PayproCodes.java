package payoutroutes.connector.paypro;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Outer codes whose meaning paypro's docs leave out, as the Kamelet's parameters name them: those that say the
 * tradeNo is taken already (paypro has the payout, so what became of it is for a query to tell, never a
 * failure), and those that say a queried order does not exist (the payout never reached paypro). Without a
 * code for the latter, paypro never says "not found" and such a payout is flagged, not failed.
 */
record PayproCodes(Set<String> tradeNoTaken, Set<String> noSuchOrder) {

    /** The Kamelet's defaults: the sandbox's "tradeNo already used"; no code taken to mean "no such order". */
    static final PayproCodes DEFAULT = new PayproCodes(Set.of("1004"), Set.of());

    static PayproCodes of(String tradeNoTaken, String noSuchOrder) {
        return new PayproCodes(set(tradeNoTaken), set(noSuchOrder));
    }

    private static Set<String> set(String codes) {
        return codes == null ? Set.of() : Arrays.stream(codes.split(",")).map(String::trim).filter(c -> !c.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
