-- series_latest is updated for every series of every writer transaction: room on each page lets
-- those updates stay heap-only (HOT), without a new index entry per update.
ALTER TABLE series_latest SET (fillfactor = 50);
