package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A plot: a GeoJSON polygon of one crop, owned by an organisation, with its computed area. */
public record Plot(
        String id,
        String organisationId,
        String name,
        String crop,
        JsonNode geometry,
        BigDecimal areaHa,
        Optional<BigDecimal> declaredAreaHa) {}
