package payoutroutes.service.events;

import inet.ipaddr.HostName;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Where a merchant's events may go (contract section 11): a {@code callbackUrl} must not make this server a way
 * into its own network. Its host must be, and resolve only to, public addresses (not loopback, private,
 * link-local, unspecified, multicast, nor an IPv6 form of those: {@code ::ffff:127.0.0.1}), unless its
 * {@code host[:port]} is in {@code payouts.events.allowed-hosts}. Checked at create, and at delivery by the
 * resolver that hands the HTTP client its addresses, so a name that resolves elsewhere later (DNS rebinding)
 * never gets a connection.
 */
public final class CallbackDestinations {

    /** What resolves a name; the system's DNS, or a test's. */
    public interface Names {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** {@code host:port} entries of the allowed list, and hosts listed without a port (any port). */
    private final Set<String> allowedHostPorts;
    private final Set<String> allowedAnyPort;
    private final Names names;

    public CallbackDestinations(String allowedHosts, Names names) {
        Set<String> entries = Arrays.stream(allowedHosts == null ? new String[0] : allowedHosts.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        this.allowedHostPorts = entries.stream().filter(CallbackDestinations::hasPort)
                .map(e -> bare(e.substring(0, e.lastIndexOf(':'))) + e.substring(e.lastIndexOf(':')))
                .collect(Collectors.toUnmodifiableSet());
        this.allowedAnyPort = entries.stream().filter(e -> !hasPort(e)).map(CallbackDestinations::bare)
                .collect(Collectors.toUnmodifiableSet());
        this.names = names;
    }

    public static CallbackDestinations of(String allowedHosts) {
        return new CallbackDestinations(allowedHosts, InetAddress::getAllByName);
    }

    /**
     * Why a {@code callbackUrl} is refused at create, if it is. A name that does not resolve now is let through:
     * nothing can be said of it yet, and delivery checks it again.
     */
    public Optional<String> refusalAtCreate(String callbackUrl) {
        return refusal(callbackUrl, false);
    }

    /** Why an event may not be delivered to this URL now, if so: checked before each attempt. */
    public Optional<String> refusalAtDelivery(String callbackUrl) {
        return refusal(callbackUrl, true);
    }

    private Optional<String> refusal(String callbackUrl, boolean mustResolve) {
        URI uri;
        try {
            uri = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("must be an http or https URL with a host and no user info");
        }
        String host = bare(uri.getHost().toLowerCase(Locale.ROOT));
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (allowedAnyPort.contains(host) || allowedHostPorts.contains(host + ":" + port)) {
            return Optional.empty();
        }
        try {
            return publicOnly(host) ? Optional.empty()
                    : Optional.of("points at a loopback, private, link-local or otherwise internal address");
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of("does not resolve") : Optional.empty();
        }
    }

    /**
     * The HTTP client's resolver for event deliveries: a name's addresses, all of them public, or none at all (the
     * connection fails like any failed delivery). A host in the allowed list may resolve to anything; its port was
     * checked on the URL before the attempt ({@link #refusalAtDelivery}).
     */
    public DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                String name = bare(host.toLowerCase(Locale.ROOT));
                boolean listed = allowedAnyPort.contains(name)
                        || allowedHostPorts.stream().anyMatch(entry -> entry.startsWith(name + ":"));
                if (!listed && !publicOnly(name)) {
                    throw new UnknownHostException(name + " resolves to an address events may not go to");
                }
                return names.resolve(name);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
    }

    /**
     * Whether every address the host stands for is public: as the system resolves it and, for a literal in any
     * notation (2130706433, 0x7f.1, 0177.0.0.1), as other software would read it too.
     */
    private boolean publicOnly(String host) throws UnknownHostException {
        HostName literal = new HostName(host);
        if (literal.isAddress() && !isPublic(literal.asAddress().toInetAddress())) {
            return false;
        }
        InetAddress[] addresses = names.resolve(host);
        return addresses.length > 0 && Arrays.stream(addresses).allMatch(CallbackDestinations::isPublic);
    }

    /** Not loopback, private, link-local, unspecified, "this network", broadcast or multicast, in any notation. */
    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return isPublic(new IPv4Address(v4));
        }
        IPv6Address v6 = new IPv6Address((Inet6Address) address);
        if (v6.isIPv4Mapped() || v6.isIPv4Compatible() || v6.is6To4() || v6.isWellKnownIPv4Translatable()) {
            IPv4Address embedded = v6.is6To4() ? v6.get6To4IPv4Address() : v6.getEmbeddedIPv4Address();
            if (!isPublic(embedded)) {
                return false;
            }
        }
        return !(v6.isLoopback() || v6.isLinkLocal() || v6.isSiteLocal() || v6.isUniqueLocal() || v6.isMulticast()
                || v6.isUnspecified());
    }

    private static boolean isPublic(IPv4Address v4) {
        int first = v4.getSegment(0).getSegmentValue();
        return !(first == 0 || v4.isLoopback() || v4.isPrivate() || v4.isLinkLocal() || v4.isMulticast()
                || v4.isUnspecified() || v4.toString().equals("255.255.255.255"));
    }

    /** An IPv6 literal without its brackets. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** host:port or [v6]:port; a bare IPv6 address has colons but no port. */
    private static boolean hasPort(String entry) {
        int colon = entry.indexOf(':');
        return entry.startsWith("[") ? entry.contains("]:") : colon > 0 && colon == entry.lastIndexOf(':');
    }
}
