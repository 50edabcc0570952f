-- The listing feed (docs/listing-feed.md) reads published batches in id order, for the province or
-- for one cooperative, a page after a cursor: these two partial indexes keep a deep page as cheap
-- as the first, and hold only published batches (drafts are never listed).
CREATE INDEX batch_published_id ON batch (id) WHERE published_at IS NOT NULL;
CREATE INDEX batch_published_organisation_id ON batch (organisation_id, id) WHERE published_at IS NOT NULL;
