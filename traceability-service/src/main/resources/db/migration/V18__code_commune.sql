-- The commune (xã, phường, đặc khu) a growing-area code lies in, as its application names it: since
-- the 2025 merger communes are the province's level below it, where the register is filtered and
-- figures are counted (docs/register.md). Codes applied for before it have none.
ALTER TABLE growing_area_code ADD COLUMN commune text CHECK (commune IS NULL OR btrim(commune) <> '');
CREATE INDEX growing_area_code_commune ON growing_area_code (commune);
