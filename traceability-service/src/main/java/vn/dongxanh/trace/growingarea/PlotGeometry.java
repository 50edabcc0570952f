package vn.dongxanh.trace.growingarea;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import tools.jackson.databind.JsonNode;

/**
 * GeoJSON polygons (RFC 7946: WGS 84 longitude/latitude, first ring the outline, others holes)
 * as JTS geometries, and their area on the ground. JTS works in the plane, so the area in m² is
 * computed on the WGS 84 ellipsoid by GeographicLib ({@link PolygonArea}: each edge a geodesic,
 * Karney's algorithm, exact to a few mm² for a plot), the outline's area less its holes'. The
 * spherical ring-area formula used before (radius 6 378 137 m) came out about 0.6–0.7% too large
 * at Vietnam's latitudes (docs/plots.md).
 */
public final class PlotGeometry {
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private PlotGeometry() {}

    /** Parses a GeoJSON Polygon; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Polygon parse(JsonNode geoJson) {
        if (geoJson == null || !geoJson.isObject() || !"Polygon".equals(text(geoJson.get("type")))) {
            throw new IllegalArgumentException("geometry must be a GeoJSON object of type Polygon");
        }
        JsonNode rings = geoJson.get("coordinates");
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("a Polygon needs at least its outer ring");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        Polygon polygon = FACTORY.createPolygon(shell, holes);
        if (!polygon.isValid()) {
            throw new IllegalArgumentException("the polygon is not valid (self-intersecting or holes outside)");
        }
        return polygon;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static LinearRing ring(JsonNode points) {
        if (points == null || !points.isArray() || points.size() < 4) {
            throw new IllegalArgumentException("a ring needs at least 4 positions (closed)");
        }
        Coordinate[] coordinates = new Coordinate[points.size()];
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            if (!p.isArray()
                    || p.size() < 2
                    || !p.get(0).isNumber()
                    || !p.get(1).isNumber()) {
                throw new IllegalArgumentException("a position is [longitude, latitude]");
            }
            double lon = p.get(0).doubleValue();
            double lat = p.get(1).doubleValue();
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw new IllegalArgumentException("position out of range: [" + lon + ", " + lat + "]");
            }
            coordinates[i] = new Coordinate(lon, lat);
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            throw new IllegalArgumentException("a ring must end where it starts");
        }
        return FACTORY.createLinearRing(coordinates);
    }

    /**
     * Area on the ground in m² of a polygon or multipolygon (or a collection of them, as an
     * intersection may be) in lon/lat degrees: on the WGS 84 ellipsoid, holes subtracted.
     */
    public static double areaSquareMetres(Geometry geometry) {
        double total = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof Polygon polygon) {
                total += ringArea(polygon.getExteriorRing().getCoordinates());
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    total -= ringArea(polygon.getInteriorRingN(h).getCoordinates());
                }
            } else if (part != geometry && part.getNumGeometries() > 0) {
                total += areaSquareMetres(part);
            }
        }
        return total;
    }

    public static double areaHectares(Geometry geometry) {
        return areaSquareMetres(geometry) / 10_000.0;
    }

    /** The geodesic area of a closed ring, m², whichever way it turns. */
    private static double ringArea(Coordinate[] ring) {
        if (ring.length < 4) {
            return 0;
        }
        PolygonArea area = new PolygonArea(Geodesic.WGS84, false);
        // GeographicLib closes the ring itself: the repeated last position is left out
        for (int i = 0; i < ring.length - 1; i++) {
            area.AddPoint(ring[i].y, ring[i].x);
        }
        // signed (sign = true): a clockwise ring is negative rather than "the rest of the earth"
        return Math.abs(area.Compute(false, true).area);
    }

    /**
     * How far, in km on the ellipsoid, the outline's farthest position lies outside a box of
     * longitudes {@code west..east} and latitudes {@code south..north}; 0 when all lie inside.
     */
    public static double kmOutside(Polygon polygon, double west, double south, double east, double north) {
        double farthest = 0;
        for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
            double lon = Math.clamp(c.x, west, east);
            double lat = Math.clamp(c.y, south, north);
            if (lon != c.x || lat != c.y) {
                farthest = Math.max(farthest, Geodesic.WGS84.Inverse(c.y, c.x, lat, lon).s12 / 1000.0);
            }
        }
        return farthest;
    }
}
