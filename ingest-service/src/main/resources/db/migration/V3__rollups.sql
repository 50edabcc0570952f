-- Hourly and daily rollups of reading, with the same columns on either storage path:
-- (series_id, bucket, count, sum, min, max, last, last_time). Hourly buckets are UTC hours;
-- daily buckets start at local midnight in ${rollup_zone} (dx.ingest.rollup.zone).
--   plain PostgreSQL: tables the service keeps up itself (rollup_dirty marks the hours a
--     committed batch touched; a scheduled job recomputes them from the raw readings).
--   TimescaleDB (reading is a hypertable): continuous aggregates with real-time aggregation.
DO $$
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = to_regclass('reading')) = 'p' THEN
        CREATE TABLE reading_hourly (
            series_id integer          NOT NULL,
            bucket    timestamptz      NOT NULL,
            count     bigint           NOT NULL,
            sum       double precision NOT NULL,
            min       double precision NOT NULL,
            max       double precision NOT NULL,
            last      double precision NOT NULL,
            last_time timestamptz      NOT NULL,
            PRIMARY KEY (series_id, bucket)
        );
        CREATE TABLE reading_daily (LIKE reading_hourly INCLUDING ALL);
    ELSE
        EXECUTE $q$
            CREATE MATERIALIZED VIEW reading_hourly
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT series_id, time_bucket(INTERVAL '1 hour', time) AS bucket, count(*) AS count,
                   sum(value) AS sum, min(value) AS min, max(value) AS max,
                   last(value, time) AS last, max(time) AS last_time
            FROM reading GROUP BY series_id, time_bucket(INTERVAL '1 hour', time)
            WITH NO DATA $q$;
        EXECUTE format($q$
            CREATE MATERIALIZED VIEW reading_daily
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT series_id, time_bucket(INTERVAL '1 day', time, %L) AS bucket, count(*) AS count,
                   sum(value) AS sum, min(value) AS min, max(value) AS max,
                   last(value, time) AS last, max(time) AS last_time
            FROM reading GROUP BY series_id, time_bucket(INTERVAL '1 day', time, %L)
            WITH NO DATA $q$, '${rollup_zone}', '${rollup_zone}');
        -- real-time aggregation covers what is newer than the materialized buckets; late data
        -- into materialized buckets shows after the next refresh (older than the window: by hand)
        PERFORM add_continuous_aggregate_policy('reading_hourly',
            start_offset => INTERVAL '${timescale_refresh_window}', end_offset => INTERVAL '1 hour',
            schedule_interval => INTERVAL '${timescale_refresh_every}');
        PERFORM add_continuous_aggregate_policy('reading_daily',
            start_offset => INTERVAL '${timescale_refresh_window}', end_offset => INTERVAL '1 day',
            schedule_interval => INTERVAL '${timescale_refresh_every}');
        RAISE NOTICE 'reading_hourly and reading_daily are TimescaleDB continuous aggregates';
    END IF;
END
$$;

-- (series, UTC hour) pairs whose readings changed since their rollup was computed; written
-- in the transaction of the readings, consumed by the rollup job (plain PostgreSQL only).
CREATE TABLE rollup_dirty (
    series_id integer     NOT NULL,
    hour      timestamptz NOT NULL,
    PRIMARY KEY (series_id, hour)
);
