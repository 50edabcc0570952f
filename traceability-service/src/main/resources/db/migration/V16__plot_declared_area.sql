-- A plot's declared area (what the cooperative's papers say; a column since V3) against its
-- surveyed area (area_ha: the polygon's geodesic area on WGS 84, docs/plots.md). The relative
-- difference (surveyed - declared) / declared is kept with the row, so that the plots whose papers
-- and map disagree can be found in the database too; whether that is beyond the tolerance is the
-- service's setting (dx.trace.codes.area-tolerance), not the table's.
ALTER TABLE plot
    ADD COLUMN area_discrepancy numeric
        GENERATED ALWAYS AS (round((area_ha - declared_area_ha) / declared_area_ha, 4)) STORED;

COMMENT ON COLUMN plot.area_ha IS
    'surveyed area, ha: the polygon''s area on the WGS 84 ellipsoid (spherical before V16, about 0.6% larger)';
COMMENT ON COLUMN plot.declared_area_ha IS
    'declared area, ha, as the cooperative''s papers give it (optional)';
COMMENT ON COLUMN plot.area_discrepancy IS
    '(area_ha - declared_area_ha) / declared_area_ha, 4 decimals; NULL without a declared area';
