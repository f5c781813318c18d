package payoutroutes.sandbox.fault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The faults a beneficiary's account number asks for by its first four digits, the same in every provider
 * family, so that a test through the service can steer the sandbox without touching it. They stay with the
 * payout: its status queries and notifications get them too. (The outcomes a family settles a payout with,
 * e.g. {@code 9003...} rejected, are the family's own.)
 */
public final class AccountHints {

    /** Prefix, and the faults in the grammar of {@link FaultPlan}; delays without a duration wait slow-reply-ms. */
    public static final Map<String, String> TABLE = table();

    private final Map<String, Faults> faults = new LinkedHashMap<>();

    public AccountHints(long slowReplyMs) {
        TABLE.forEach((prefix, rules) -> faults.put(prefix, FaultPlan.parse(rules, slowReplyMs, new Random(0))
                .draw(null, Fault.Stage.values())));
    }

    private static Map<String, String> table() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("9001", "create.delay");
        table.put("9002", "create.500");
        table.put("9004", "create.delay, status.delay");
        table.put("9011", "create.garbage");
        table.put("9012", "create.reset");
        table.put("9013", "notify.twice");
        table.put("9014", "notify.out-of-order");
        table.put("9015", "notify.before-reply");
        table.put("9016", "status.500");
        table.put("9017", "status.garbage");
        table.put("9018", "status.delay");
        table.put("9019", "status.reset");
        return java.util.Collections.unmodifiableMap(table);
    }

    /** The faults this account number asks for; none for an ordinary one. */
    public Faults of(String accountNumber) {
        if (accountNumber == null || accountNumber.length() < 4) {
            return Faults.NONE;
        }
        return faults.getOrDefault(accountNumber.substring(0, 4), Faults.NONE);
    }
}
