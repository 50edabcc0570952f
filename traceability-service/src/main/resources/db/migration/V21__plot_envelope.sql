-- A plot's bounding box (WGS 84 degrees), derived from its GeoJSON by the database on every insert
-- and every change of the geometry, so that no writer (the API, an import, a bulk COPY, a correction
-- by hand) can leave it stale. A code's or a cooperative's audit reads only the plots whose box meets
-- one of theirs, through the GiST index on the box (docs/findings.md), instead of every plot of the
-- province.
ALTER TABLE plot
    ADD COLUMN min_lon double precision,
    ADD COLUMN min_lat double precision,
    ADD COLUMN max_lon double precision,
    ADD COLUMN max_lat double precision;

CREATE FUNCTION plot_set_envelope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- every position of the Polygon or MultiPolygon: an array whose first member is a number
    SELECT min((p ->> 0)::double precision), min((p ->> 1)::double precision),
           max((p ->> 0)::double precision), max((p ->> 1)::double precision)
      INTO NEW.min_lon, NEW.min_lat, NEW.max_lon, NEW.max_lat
      FROM jsonb_path_query(NEW.geometry,
                            'strict $.coordinates.** ? (@.type() == "array" && @[0].type() == "number")') p;
    RETURN NEW;
END
$$;

CREATE TRIGGER plot_envelope BEFORE INSERT OR UPDATE OF geometry ON plot
    FOR EACH ROW EXECUTE FUNCTION plot_set_envelope();

UPDATE plot SET geometry = geometry;

CREATE INDEX plot_envelope_box ON plot USING gist (box(point(min_lon, min_lat), point(max_lon, max_lat)));
