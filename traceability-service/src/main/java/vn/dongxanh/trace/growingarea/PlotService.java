package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.locationtech.jts.geom.Polygon;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Constraints;
import vn.dongxanh.trace.web.Refusal;

/**
 * Registers plots and reads them. A plot's polygon must be valid (not self-intersecting), no
 * larger than {@code dx.trace.codes.max-plot-area-ha} and inside the configured province (its box
 * plus a margin); its surveyed area is the polygon's geodesic area. A declared area further from
 * it than {@code dx.trace.codes.area-tolerance} is kept and flagged, not refused (docs/plots.md).
 */
@Service
public class PlotService {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final GrowingAreaProperties props;

    public PlotService(JdbcClient jdbc, JsonMapper json, GrowingAreaProperties props) {
        this.jdbc = jdbc;
        this.json = json;
        this.props = props;
    }

    /** What a cooperative's manager sends to register a plot ({@code organisationId}: its own, or left out). */
    public record NewPlot(
            String id, String organisationId, String name, String crop, JsonNode geometry, BigDecimal declaredAreaHa) {}

    /** A plot id: 1-63 of a-z, 0-9, '-', '_'. */
    static final String ID_FORM = "^[a-z0-9][a-z0-9_-]{0,62}$";

    /** A crop id such as 'rice' or 'leafy-greens'. */
    static final String CROP_FORM = "^[a-z][a-z0-9_-]{0,62}$";

    @Transactional
    public Plot register(Actor actor, NewPlot plot) {
        String owner = actor.organisation().orElseThrow(() -> Refusal.forbidden("the token names no organisation"));
        if (plot.organisationId() != null && !plot.organisationId().equals(owner)) {
            throw Refusal.forbidden("a cooperative registers its own plots only");
        }
        return registerFor(owner, plot);
    }

    /**
     * Registers a plot of {@code owner}, whoever enters it: a cooperative's manager its own
     * ({@link #register}), the department a legacy code's plots (the import).
     */
    @Transactional
    Plot registerFor(String owner, NewPlot plot) {
        if (plot.id() == null || !plot.id().matches(ID_FORM)) {
            throw Refusal.badRequest("plot id must be 1-63 of a-z, 0-9, '-', '_'");
        }
        if (plot.crop() == null || !plot.crop().matches(CROP_FORM)) {
            throw Refusal.badRequest("crop must be an id such as 'rice' or 'leafy-greens'");
        }
        if (plot.name() == null || plot.name().isBlank()) {
            throw Refusal.badRequest("name is required");
        }
        BigDecimal area = surveyedArea(plot.geometry());
        if (plot.declaredAreaHa() != null && plot.declaredAreaHa().signum() <= 0) {
            throw refused("plot-declared-area", "declaredAreaHa", "a declared area is more than 0 ha, or left out");
        }
        try {
            jdbc.sql("""
                            insert into plot (id, organisation_id, name, crop, geometry, area_ha, declared_area_ha)
                            values (?, ?, ?, ?, cast(? as jsonb), ?, ?)
                            """)
                    .params(
                            plot.id(),
                            owner,
                            plot.name().strip(),
                            plot.crop(),
                            json.writeValueAsString(plot.geometry()),
                            area,
                            plot.declaredAreaHa())
                    .update();
        } catch (DuplicateKeyException e) {
            throw Refusal.conflict("duplicate", "plot " + plot.id() + " exists");
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // the real cause: a duplicate id, an unregistered organisation, a broken check
            throw Constraints.refusal(e);
        }
        return find(plot.id()).orElseThrow();
    }

    /**
     * A plot's polygon checked (a valid GeoJSON Polygon with an area, no larger than the largest
     * plot, inside the province) and its surveyed area in ha; a {@link Refusal} naming {@code
     * geometry} otherwise.
     */
    BigDecimal surveyedArea(JsonNode geometry) {
        Polygon polygon;
        try {
            polygon = PlotGeometry.parse(geometry);
        } catch (IllegalArgumentException e) {
            throw refused("plot-geometry", "geometry", e.getMessage());
        }
        BigDecimal area = BigDecimal.valueOf(PlotGeometry.areaHectares(polygon)).setScale(4, RoundingMode.HALF_UP);
        if (area.signum() <= 0) {
            throw refused("plot-geometry", "geometry", "the polygon has no area");
        }
        if (area.compareTo(props.maxPlotAreaHa()) > 0) {
            throw refused(
                    "plot-too-large",
                    "geometry",
                    "the polygon covers " + hectares(area) + " ha, more than the largest plot of "
                            + hectares(props.maxPlotAreaHa()) + " ha; is it the right polygon?");
        }
        GrowingAreaProperties.Province province = props.province();
        double outside =
                PlotGeometry.kmOutside(polygon, province.west(), province.south(), province.east(), province.north());
        if (outside > province.marginKm()) {
            throw refused(
                    "plot-outside-province",
                    "geometry",
                    String.format(
                            Locale.ROOT,
                            "the polygon lies %.1f km outside %s (longitude %s to %s, latitude %s to %s, and %s km"
                                    + " beyond); are longitude and latitude in that order (GeoJSON)?",
                            outside,
                            province.name(),
                            province.west(),
                            province.east(),
                            province.south(),
                            province.north(),
                            province.marginKm()));
        }
        return area;
    }

    /** A refusal naming the request's field by its JSON pointer (as {@code inexact-number} does). */
    private static Refusal refused(String rule, String field, String reason) {
        Refusal refusal = Refusal.rule(rule, field + ": " + reason);
        refusal.getBody().setProperty("field", "/" + field);
        return refusal;
    }

    private static String hectares(BigDecimal ha) {
        return ha.stripTrailingZeros().toPlainString();
    }

    public Optional<Plot> find(String id) {
        return list("where id = ?", id).stream().findFirst();
    }

    /** An organisation's plots in id order, {@code limit} of them after the first {@code offset}. */
    public List<Plot> ofOrganisation(String organisationId, int limit, int offset) {
        return list("where organisation_id = ? order by id limit ? offset ?", organisationId, limit, offset);
    }

    public List<Plot> byIds(List<String> ids) {
        return list("where id = any(?)", (Object) ids.toArray(String[]::new));
    }

    /** Plots of live codes other than {@code code}. */
    /** Every plot of every live code. */
    public List<Plot> inLiveCodes() {
        return list("""
                where id in (select cp.plot_id from growing_area_code_plot cp
                               join growing_area_code c on c.code = cp.code
                              where c.status not in ('REVOKED', 'REJECTED', 'EXPIRED'))
                """);
    }

    /**
     * The plots of live codes other than {@code code} that could meet one of {@code plotIds}: those
     * whose bounding box (V21, kept by the database) meets one of theirs, the plots themselves
     * included when another code holds them. Found through the box's index, not by reading every
     * plot of the province.
     */
    public List<Plot> inOtherLiveCodesNear(String code, List<String> plotIds) {
        return list("""
                where id in (select cp.plot_id from growing_area_code_plot cp
                               join growing_area_code c on c.code = cp.code
                              where c.code <> ? and c.status not in ('REVOKED', 'REJECTED', 'EXPIRED'))
                  and exists (select 1 from plot mine where mine.id = any(?)
                                 and box(point(mine.min_lon, mine.min_lat), point(mine.max_lon, mine.max_lat))
                                     && box(point(plot.min_lon, plot.min_lat), point(plot.max_lon, plot.max_lat)))
                """, code, plotIds.toArray(String[]::new));
    }

    /** The growing-area codes a plot belongs to (any status), in code order. */
    public List<String> codesOf(String plotId) {
        return jdbc.sql("select code from growing_area_code_plot where plot_id = ? order by code")
                .param(plotId)
                .query(String.class)
                .list();
    }

    public List<Plot> ofCode(String code) {
        return list("where id in (select plot_id from growing_area_code_plot where code = ?) order by id", code);
    }

    private List<Plot> list(String where, Object... params) {
        return jdbc.sql("select id, organisation_id, name, crop, geometry::text as geometry, area_ha, declared_area_ha,"
                        + " area_discrepancy"
                        + " from plot " + where)
                .params(params)
                .query((rs, i) -> new Plot(
                        rs.getString("id"),
                        rs.getString("organisation_id"),
                        rs.getString("name"),
                        rs.getString("crop"),
                        json.readTree(rs.getString("geometry")),
                        rs.getBigDecimal("area_ha"),
                        Optional.ofNullable(rs.getBigDecimal("declared_area_ha")),
                        Optional.ofNullable(rs.getBigDecimal("area_discrepancy")),
                        outsideTolerance(rs.getBigDecimal("area_discrepancy"))))
                .list();
    }

    /** Whether a surveyed area differs from the declared one by more than the tolerance. */
    private boolean outsideTolerance(BigDecimal discrepancy) {
        return discrepancy != null && discrepancy.abs().compareTo(props.areaTolerance()) > 0;
    }
}
