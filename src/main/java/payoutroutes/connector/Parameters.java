package payoutroutes.connector;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How the Kamelets' list-valued parameters are written: {@code a,b,c} and {@code KEY:value,KEY2:value2}. */
public final class Parameters {

    private Parameters() {
    }

    /** {@code a, b ,c} as [a, b, c]; empty for null or blank. */
    public static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code BANK_TRANSFER:bank_transfer,IDR:0} as a map; an entry without a colon is refused. */
    public static Map<String, String> pairs(String csv) {
        return list(csv).stream().map(entry -> {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + entry + "' is not KEY:value");
            }
            return Map.entry(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }).collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** {@code IDR:0,CLP:0}: currency exponents that differ from ISO 4217. */
    public static Map<String, Integer> exponents(String csv) {
        return pairs(csv).entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Integer.parseInt(e.getValue())));
    }
}
