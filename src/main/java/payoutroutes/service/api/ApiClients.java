package payoutroutes.service.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;
import payoutroutes.model.PayoutConstants;
import payoutroutes.service.ConfiguredIds;

/**
 * The client systems that may use the API (contract section 10), each with its API key, and the step that
 * tells which one sent a request. Only the SHA-256 of a key is configured
 * ({@code payouts.clients.<id>.api-key-sha256}); a presented key is hashed and compared with every client's hash
 * in constant time. With {@code payouts.api.authentication=none} (behind a gateway that authenticates) every
 * request is client {@value #DEFAULT}.
 */
public class ApiClients {

    public static final String DEFAULT = "default";
    public static final String PREFIX = "payouts.clients.";
    public static final String KEY_SUFFIX = ".api-key-sha256";

    /** A client: its id, the SHA-256 of its key, and the secret its events are signed with. */
    public record Client(String id, byte[] keySha256, String eventsSigningSecret) {
    }

    private final boolean keysRequired;
    private final List<Client> clients;
    private final String defaultSigningSecret;

    public ApiClients(boolean keysRequired, List<Client> clients, String defaultSigningSecret) {
        this.keysRequired = keysRequired;
        this.clients = List.copyOf(clients);
        this.defaultSigningSecret = defaultSigningSecret;
    }

    /**
     * The clients as configured. A client with an empty {@code api-key-sha256} is disabled; a value that is not
     * 64 hex digits stops the start, saying which key is wrong.
     */
    public static ApiClients configured(PropertiesComponent properties) {
        String mode = value(properties, "payouts.api.authentication").orElse("api-key");
        if (!mode.equals("api-key") && !mode.equals("none")) {
            throw new IllegalArgumentException("payouts.api.authentication must be api-key or none, not " + mode);
        }
        String defaultSecret = value(properties, "payouts.events.signing-secret").orElseThrow(() ->
                new IllegalArgumentException("payouts.events.signing-secret is not set"));
        List<Client> clients = new ArrayList<>();
        for (String id : ConfiguredIds.under(properties, PREFIX, KEY_SUFFIX)) {
            Optional<String> hash = value(properties, PREFIX + id + KEY_SUFFIX);
            if (hash.isEmpty()) {
                continue;
            }
            if (!hash.get().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(PREFIX + id + KEY_SUFFIX + " is not the hex SHA-256 of a key");
            }
            clients.add(new Client(id, HexFormat.of().parseHex(hash.get()),
                    value(properties, PREFIX + id + ".events-signing-secret").orElse(defaultSecret)));
        }
        return new ApiClients(mode.equals("api-key"), clients, defaultSecret);
    }

    /**
     * The API routes' first step: the client that sent the request (exchange property {@code client}), or a 401
     * that says nothing about the payout. The key itself does not travel further with the exchange.
     */
    public void authenticate(Exchange exchange) {
        if (!keysRequired) {
            exchange.setProperty(PayoutConstants.CLIENT, DEFAULT);
            return;
        }
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        Client client = clientOf(authorization).orElseThrow(ApiKeyRefused::new);
        exchange.setProperty(PayoutConstants.CLIENT, client.id());
    }

    /** The client whose key a {@code Bearer} credential carries; every client is compared, in constant time. */
    Optional<Client> clientOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorization.substring(7).strip());
        Client found = null;
        for (Client client : clients) {
            if (MessageDigest.isEqual(client.keySha256(), presented)) {
                found = client;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The secret a client's events are signed with: its own, else {@code payouts.events.signing-secret}. */
    public String eventsSigningSecret(String clientId) {
        return clients.stream().filter(c -> c.id().equals(clientId)).map(Client::eventsSigningSecret).findFirst()
                .orElse(defaultSigningSecret);
    }

    public List<Client> clients() {
        return clients;
    }

    /** The lower-case hex SHA-256 of a key, as {@code api-key-sha256} wants it. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> value(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }
}
