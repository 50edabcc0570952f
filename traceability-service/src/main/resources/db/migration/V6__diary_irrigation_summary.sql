-- A diary entry kind pulled, not typed: the irrigation summary of a plot over a season, as
-- ingest-service computed it from the sensors and the gateway's events. The summary is kept as
-- served (the contract's JSON), with the season it covers.
ALTER TABLE diary_entry DROP CONSTRAINT diary_entry_operation_check;
ALTER TABLE diary_entry ADD CONSTRAINT diary_entry_operation_check CHECK (operation IN
    ('LAND_PREPARATION', 'SOWING', 'TRANSPLANTING', 'FERTILISER', 'PESTICIDE',
     'IRRIGATION', 'IRRIGATION_SUMMARY', 'HARVEST', 'SALE', 'OTHER'));
ALTER TABLE diary_entry
    ADD COLUMN period_from        date,
    ADD COLUMN period_to          date,
    ADD COLUMN irrigation_summary jsonb;
ALTER TABLE diary_entry ADD CONSTRAINT diary_entry_irrigation_summary CHECK (
    (operation = 'IRRIGATION_SUMMARY')
        = (irrigation_summary IS NOT NULL AND period_from IS NOT NULL AND period_to IS NOT NULL)
    AND (period_to IS NULL OR period_to >= period_from));
CREATE INDEX diary_entry_irrigation_summary_plot ON diary_entry (plot_id, period_to)
    WHERE operation = 'IRRIGATION_SUMMARY';
