package payoutroutes.service.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallbackDestinationsTest {

    private final CallbackDestinations destinations = CallbackDestinations.of("localhost:8090, 127.0.0.1:8090, intranet");

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9999/", "http://2130706433:9999/", "http://[::ffff:127.0.0.1]:9999/",
            "http://0.0.0.0:9999/", "http://169.254.169.254/latest/meta-data/", "http://0x7f.1:9999/",
            "http://0177.0.0.1:9999/", "http://127.1:9999/", "http://0x7f000001/", "http://[::1]:9999/",
            "http://[::]/", "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://10.1.2.3/",
            "http://172.16.0.1/", "http://192.168.1.1/", "http://224.0.0.1/", "http://[ff02::1]/",
            "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::1]/", "http://[::127.0.0.1]/",
            "http://localhost:9999/", "http://LOCALHOST:9876/observe/health", "http://localhost:8091/",
            "ftp://merchant.example.com/", "http://user:pw@merchant.example.com/"})
    void internalAddressesInEveryNotationAreRefused(String url) {
        assertTrue(destinations.refusalAtCreate(url).isPresent(), url);
        assertTrue(destinations.refusalAtDelivery(url).isPresent(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8090/sandbox/merchant/events", "http://127.0.0.1:8090/x",
            "http://intranet:1234/hook", "https://93.184.216.34/events", "http://[2606:2800:220:1::1]/"})
    void publicAddressesAndListedHostsPass(String url) {
        assertEquals(Optional.empty(), destinations.refusalAtCreate(url), url);
    }

    @Test
    void aNameThatDoesNotResolveYetWaitsForDelivery() {
        CallbackDestinations none = new CallbackDestinations("", host -> {
            throw new UnknownHostException(host);
        });
        assertEquals(Optional.empty(), none.refusalAtCreate("https://merchant.example.com/events"));
        assertTrue(none.refusalAtDelivery("https://merchant.example.com/events").isPresent());
    }

    @Test
    void aNameThatResolvesInsideLaterGetsNoConnection() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        CallbackDestinations rebinding = new CallbackDestinations("", host -> new InetAddress[] {
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1")});

        assertEquals(Optional.empty(), rebinding.refusalAtCreate("https://rebind.example/events"), "public at create");
        assertThrows(UnknownHostException.class, () -> rebinding.dnsResolver().resolve("rebind.example"),
                "loopback when the connection is made");
    }

    @Test
    void theResolverOfDeliveriesHandsOutPublicAddressesOnly() throws Exception {
        CallbackDestinations mixed = new CallbackDestinations("localhost:8090", host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")});
        assertThrows(UnknownHostException.class, () -> mixed.dnsResolver().resolve("mixed.example"), "one inside is enough");
        assertThrows(UnknownHostException.class, () -> mixed.dnsResolver().resolve("127.0.0.1"));
        assertEquals(2, mixed.dnsResolver().resolve("localhost").length, "a listed host resolves as it is");
    }
}
