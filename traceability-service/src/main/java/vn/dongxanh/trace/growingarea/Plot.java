package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A plot: a GeoJSON polygon of one crop, owned by an organisation, with its surveyed area (the
 * polygon's geodesic area, {@code areaHa}) and, when the cooperative's papers give one, its
 * declared area, how far the surveyed area is from it ({@code areaDiscrepancy}, relative to the
 * declared area: 0.072 is 7.2% larger) and whether that is beyond {@code dx.trace.codes.area-tolerance}.
 */
public record Plot(
        String id,
        String organisationId,
        String name,
        String crop,
        JsonNode geometry,
        BigDecimal areaHa,
        Optional<BigDecimal> declaredAreaHa,
        Optional<BigDecimal> areaDiscrepancy,
        boolean areaOutsideTolerance) {}
