package vn.dongxanh.trace.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The coarse region of a client address: the configured region whose network holds it, the most
 * specific network winning (so a province's /16 inside a country's /8 names the province). Only
 * the region is kept; the address is forgotten once it has been looked up.
 */
final class Regions {
    static final String UNKNOWN = "unknown";

    private record Network(IpAddressMatcher matcher, int prefix, ScanProperties.Region region) {}

    private final List<Network> networks;
    private final java.util.Map<String, ScanProperties.Region> byName = new java.util.HashMap<>();

    Regions(List<ScanProperties.Region> regions) {
        List<Network> all = new ArrayList<>();
        for (ScanProperties.Region r : regions) {
            if (byName.put(r.name(), r) != null) {
                throw new IllegalArgumentException("dx.trace.scans.regions: two regions named " + r.name());
            }
            for (String cidr : r.networks()) {
                try {
                    all.add(new Network(new IpAddressMatcher(cidr.strip()), prefix(cidr.strip()), r));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "dx.trace.scans.regions: " + r.name() + "'s network '" + cidr + "' is not a CIDR block", e);
                }
            }
        }
        all.sort(Comparator.comparingInt(Network::prefix).reversed());
        this.networks = List.copyOf(all);
    }

    /** The region of an address (a literal, never resolved by DNS); empty: unknown. */
    Optional<ScanProperties.Region> of(String address) {
        if (address == null || address.isBlank() || !looksLiteral(address)) return Optional.empty();
        for (Network n : networks) {
            if (n.matcher().matches(address)) return Optional.of(n.region());
        }
        return Optional.empty();
    }

    String nameOf(String address) {
        return of(address).map(ScanProperties.Region::name).orElse(UNKNOWN);
    }

    /** IpAddressMatcher resolves a host name; an address from a header is only ever a literal here. */
    private static boolean looksLiteral(String address) {
        return address.matches("[0-9.]+") || (address.contains(":") && address.matches("[0-9A-Fa-f:.]+"));
    }

    private static int prefix(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) return cidr.contains(":") ? 128 : 32;
        return Integer.parseInt(cidr.substring(slash + 1));
    }

    /** Great-circle distance between two regions' centres (haversine, mean Earth radius), in km. */
    static double distanceKm(ScanProperties.Region a, ScanProperties.Region b) {
        double r = 6371.0088;
        double p1 = Math.toRadians(a.latitude()), p2 = Math.toRadians(b.latitude());
        double dp = p2 - p1, dl = Math.toRadians(b.longitude() - a.longitude());
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    Optional<ScanProperties.Region> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
