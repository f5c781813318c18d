package payoutroutes.sandbox.fault;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the sandbox can do wrong on purpose, named as the fault grammar names it ({@code create.500}).
 * Every fault of the create stage hits a payout that the sandbox has taken: the provider has it, only its
 * answer goes wrong, which is exactly the case a connector must not mistake for "not sent".
 */
public enum Fault {

    /** The create is answered late. */
    CREATE_DELAY(Stage.CREATE, "delay"),
    /** Taken, answered 500. */
    CREATE_500(Stage.CREATE, "500"),
    /** Taken, answered 200 with a body no one can read. */
    CREATE_GARBAGE(Stage.CREATE, "garbage"),
    /** Taken, the connection closed without an answer. */
    CREATE_RESET(Stage.CREATE, "reset"),
    STATUS_DELAY(Stage.STATUS, "delay"),
    STATUS_500(Stage.STATUS, "500"),
    STATUS_GARBAGE(Stage.STATUS, "garbage"),
    STATUS_RESET(Stage.STATUS, "reset"),
    /** The final notification is delivered a second time, byte for byte. */
    NOTIFY_TWICE(Stage.NOTIFY, "twice"),
    /** After the final notification, the older one (the payout still pending) arrives. */
    NOTIFY_OUT_OF_ORDER(Stage.NOTIFY, "out-of-order"),
    /** The payout settles and is notified before the create is answered. */
    NOTIFY_BEFORE_REPLY(Stage.NOTIFY, "before-reply");

    /** When a fault strikes: a create's answer, a status query's answer, or a payout's notifications. */
    public enum Stage {
        CREATE, STATUS, NOTIFY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Stage stage;
    private final String kind;

    Fault(Stage stage, String kind) {
        this.stage = stage;
        this.kind = kind;
    }

    public Stage stage() {
        return stage;
    }

    /** {@code create.500}, as written in the grammar and in the logs. */
    public String label() {
        return stage.label() + "." + kind;
    }

    public boolean isDelay() {
        return this == CREATE_DELAY || this == STATUS_DELAY;
    }

    public static Optional<Fault> of(String label) {
        return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst();
    }
}
