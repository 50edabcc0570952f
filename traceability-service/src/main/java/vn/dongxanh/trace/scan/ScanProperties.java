package vn.dongxanh.trace.scan;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Scan signals ({@code dx.trace.scans}, docs/scan-signals.md): how scans of a lot are counted and
 * when they look like a cloned label.
 *
 * @param flushInterval how often counted scans are written to the database and checked (default
 *     5 s; scans of the last interval are lost if the service dies, the price of not writing a row
 *     per QR scan)
 * @param kgPerUnit the packed unit a lot's quantity is counted in, for the over-scan rule (default
 *     1 kg: the smallest common retail pack, so a lot has as many units as it could have)
 * @param overscanFactor a lot scanned more than this many times per unit is flagged (default 3)
 * @param farApartKm scans of one lot from two regions at least this far apart (between their
 *     centres; default 200 km) ...
 * @param farApartWindow ... within this time of each other flag the lot (default 1 h)
 * @param regions the coarse regions scans are counted in, each a set of networks; an address in
 *     none of them is counted in region {@value Regions#UNKNOWN}, which is never "far" from any
 */
@ConfigurationProperties("dx.trace.scans")
public record ScanProperties(
        Duration flushInterval,
        BigDecimal kgPerUnit,
        Double overscanFactor,
        Double farApartKm,
        Duration farApartWindow,
        List<Region> regions) {
    public ScanProperties {
        flushInterval = flushInterval == null ? Duration.ofSeconds(5) : flushInterval;
        kgPerUnit = kgPerUnit == null ? BigDecimal.ONE : kgPerUnit;
        overscanFactor = overscanFactor == null ? 3.0 : overscanFactor;
        farApartKm = farApartKm == null ? 200.0 : farApartKm;
        farApartWindow = farApartWindow == null ? Duration.ofHours(1) : farApartWindow;
        regions = regions == null ? List.of() : List.copyOf(regions);
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("dx.trace.scans.flush-interval must be positive, not " + flushInterval);
        }
        if (kgPerUnit.signum() <= 0) {
            throw new IllegalArgumentException("dx.trace.scans.kg-per-unit must be positive, not " + kgPerUnit);
        }
        if (!(overscanFactor > 0) || !(farApartKm > 0)) {
            throw new IllegalArgumentException("dx.trace.scans.overscan-factor and far-apart-km must be positive");
        }
        if (farApartWindow.isNegative() || farApartWindow.isZero()) {
            throw new IllegalArgumentException(
                    "dx.trace.scans.far-apart-window must be positive, not " + farApartWindow);
        }
    }

    /**
     * A coarse region (a province, say): its name, its centre and the networks (CIDR, IPv4 or IPv6)
     * whose addresses are counted in it.
     */
    public record Region(String name, double latitude, double longitude, List<String> networks) {
        public Region {
            if (name == null || name.isBlank() || name.equals(Regions.UNKNOWN)) {
                throw new IllegalArgumentException(
                        "dx.trace.scans.regions: a region needs a name other than " + Regions.UNKNOWN);
            }
            if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
                throw new IllegalArgumentException("dx.trace.scans.regions: " + name + "'s centre is not on Earth");
            }
            networks = networks == null ? List.of() : List.copyOf(networks);
        }
    }
}
