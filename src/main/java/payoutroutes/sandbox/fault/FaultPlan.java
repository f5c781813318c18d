package payoutroutes.sandbox.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Faults with their odds, written in a small grammar (the same in {@code payouts.sandbox.faults}, in
 * {@code POST /sandbox/_faults} and in the request header {@code X-Sandbox-Fault}):
 *
 * <pre>
 * faults   = rule *( "," rule )
 * rule     = [ provider ":" ] stage "." kind [ "=" duration ] [ "@" percent "%" ]
 * stage    = "create" | "status" | "notify"
 * kind     = "delay" | "500" | "garbage" | "reset"          (create, status)
 *          | "twice" | "out-of-order" | "before-reply"      (notify)
 * duration = digits ( "ms" | "s" )      delays only; default payouts.sandbox.slow-reply-ms
 * percent  = 0 to 100, decimals allowed; default 100
 * </pre>
 *
 * e.g. {@code create.delay=2000ms@5%, create.500@3%, paypro:notify.twice@10%}. Each rule is drawn on its own,
 * once per request of its stage (a create draws the notify rules too, for that payout's notifications), from
 * one random sequence: the same seed and the same order of requests give the same faults.
 */
public final class FaultPlan {

    /** One rule: this fault, for this provider (null: all of them), this often. */
    public record Rule(String provider, Fault fault, long delayMs, double percent) {
    }

    public static final FaultPlan NONE = new FaultPlan(List.of(), "", new Random(0));

    private static final Pattern RULE = Pattern.compile(
            "(?:([A-Za-z0-9_-]+):)?([a-z]+\\.[a-z0-9-]+)(?:=([0-9]{1,9})(ms|s))?(?:@([0-9]{1,3}(?:\\.[0-9]+)?)%)?");

    private final List<Rule> rules;
    private final String text;
    private final Random random;

    private FaultPlan(List<Rule> rules, String text, Random random) {
        this.rules = List.copyOf(rules);
        this.text = text;
        this.random = random;
    }

    /**
     * Reads the grammar.
     *
     * @param defaultDelayMs how long a delay without a duration waits
     * @param random where the draws come from (seeded, for repeatable runs)
     * @throws IllegalArgumentException naming the rule that is not in the grammar
     */
    public static FaultPlan parse(String text, long defaultDelayMs, Random random) {
        List<String> parts = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                parts.add(part.trim());
                rules.add(rule(part.trim(), defaultDelayMs));
            }
        }
        return new FaultPlan(rules, String.join(", ", parts), random);
    }

    private static Rule rule(String text, long defaultDelayMs) {
        Matcher m = RULE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a fault rule: '" + text + "' (e.g. create.500@3%)");
        }
        Fault fault = Fault.of(m.group(2)).orElseThrow(() -> new IllegalArgumentException(
                "unknown fault '" + m.group(2) + "' in '" + text + "'"));
        long delayMs = defaultDelayMs;
        if (m.group(3) != null) {
            if (!fault.isDelay()) {
                throw new IllegalArgumentException("only a delay takes a duration: '" + text + "'");
            }
            delayMs = Long.parseLong(m.group(3)) * ("s".equals(m.group(4)) ? 1000 : 1);
        }
        double percent = m.group(5) == null ? 100 : Double.parseDouble(m.group(5));
        if (percent > 100) {
            throw new IllegalArgumentException("more than 100%: '" + text + "'");
        }
        return new Rule(m.group(1), fault, delayMs, percent);
    }

    /** The faults that strike this request of this provider, drawn rule by rule. */
    public Faults draw(String provider, Fault.Stage... stages) {
        Faults drawn = Faults.NONE;
        for (Rule rule : rules) {
            if ((rule.provider() == null || rule.provider().equals(provider)) && in(rule.fault().stage(), stages)
                    && random.nextDouble() * 100 < rule.percent()) {
                drawn = drawn.plus(Faults.of(rule.fault(), rule.delayMs()));
            }
        }
        return drawn;
    }

    private static boolean in(Fault.Stage stage, Fault.Stage[] stages) {
        for (Fault.Stage s : stages) {
            if (s == stage) {
                return true;
            }
        }
        return false;
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The plan as it was written, white space tidied. */
    @Override
    public String toString() {
        return text;
    }
}
