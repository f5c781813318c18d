package payoutroutes.service.events;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How long to wait after each failed delivery: {@code 5s,30s,2m,...}. Past the last one the event
 * is dead-lettered.
 */
public record RetrySchedule(List<Duration> delays) {

    public static final String DEFAULT = "5s,30s,2m,10m,30m,1h,3h,6h,12h,24h";

    public static RetrySchedule parse(String text) {
        return new RetrySchedule(Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(RetrySchedule::duration).toList());
    }

    /** The wait after the given failed attempt (1 = the first), or null when the event is out of attempts. */
    public Duration after(int failedAttempts) {
        return failedAttempts >= 1 && failedAttempts <= delays.size() ? delays.get(failedAttempts - 1) : null;
    }

    static Duration duration(String text) {
        String unit = text.replaceAll("[0-9]", "");
        long amount = Long.parseLong(text.substring(0, text.length() - unit.length()));
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not a duration: " + text + " (use ms, s, m, h or d)");
        };
    }
}
