-- Certificates (VietGAP, GlobalG.A.P., OCOP), products (GTIN-14), the farming diary and harvest
-- batches. DOMAIN.md §4, §5, §8.

CREATE TABLE certificate (
    id           bigserial   PRIMARY KEY,
    scheme       text        NOT NULL CHECK (scheme IN ('VIETGAP', 'GLOBALGAP', 'OCOP')),
    number       text        NOT NULL CHECK (btrim(number) <> ''),  -- certificate / recognition decision number
    ggn          text        CHECK (ggn ~ '^\d{13}$'),                 -- GlobalG.A.P. number
    holder_id    text        NOT NULL REFERENCES organisation (id),
    issuer_id    text        NOT NULL REFERENCES organisation (id),
    issuer_name  text,                                               -- e.g. the People's Committee for OCOP
    stars        integer     CHECK (stars BETWEEN 3 AND 5),
    valid_from   date        NOT NULL,
    valid_to     date        NOT NULL CHECK (valid_to >= valid_from),
    state        text        NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')),
    warnings     jsonb       NOT NULL DEFAULT '[]',
    record_id    bigint      NOT NULL REFERENCES record (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (scheme, number),
    CHECK ((scheme = 'OCOP') = (stars IS NOT NULL)),
    CHECK ((scheme = 'GLOBALGAP') = (ggn IS NOT NULL))
);

-- What a certificate covers: crops and plots (VietGAP, GlobalG.A.P.), products (OCOP).
CREATE TABLE certificate_scope (
    certificate_id bigint NOT NULL REFERENCES certificate (id),
    kind           text   NOT NULL CHECK (kind IN ('CROP', 'PLOT', 'PRODUCT')),
    value          text   NOT NULL,
    PRIMARY KEY (certificate_id, kind, value)
);

CREATE TABLE product (
    gtin        char(14)    PRIMARY KEY CHECK (gtin ~ '^\d{14}$'),
    owner_id    text        NOT NULL REFERENCES organisation (id),
    name        text        NOT NULL CHECK (btrim(name) <> ''),
    crop        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Farming diary (nhật ký canh tác): one operation on one plot on one day.
CREATE TABLE diary_entry (
    id                 bigserial   PRIMARY KEY,
    plot_id            text        NOT NULL REFERENCES plot (id),
    entry_date         date        NOT NULL,
    operation          text        NOT NULL CHECK (operation IN
                           ('LAND_PREPARATION', 'SOWING', 'TRANSPLANTING', 'FERTILISER', 'PESTICIDE',
                            'IRRIGATION', 'HARVEST', 'SALE', 'OTHER')),
    product_name       text,
    active_ingredients text,
    phi_days           integer     CHECK (phi_days >= 0),  -- pre-harvest interval in force for this entry
    phi_source         text        CHECK (phi_source IN ('LABEL', 'CROP_DEFAULT')),
    dose_per_ha        text,
    quantity           text,
    target             text,
    operator           text,
    source             text,
    notes              text,
    created_by         text        NOT NULL,
    record_id          bigint      NOT NULL REFERENCES record (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (operation <> 'PESTICIDE' OR (phi_days IS NOT NULL AND product_name IS NOT NULL))
);
CREATE INDEX diary_entry_plot ON diary_entry (plot_id, entry_date);

CREATE TABLE batch (
    id               bigserial     PRIMARY KEY,
    gtin             char(14)      NOT NULL REFERENCES product (gtin),
    lot              text          NOT NULL,
    code             text          NOT NULL REFERENCES growing_area_code (code),
    organisation_id  text          NOT NULL REFERENCES organisation (id),
    harvest_date     date          NOT NULL,
    quantity_kg      numeric(14,3) NOT NULL CHECK (quantity_kg > 0),
    record_id        bigint        NOT NULL REFERENCES record (id),
    created_at       timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (gtin, lot)
);
CREATE TABLE batch_plot (
    batch_id bigint NOT NULL REFERENCES batch (id),
    plot_id  text   NOT NULL REFERENCES plot (id),
    PRIMARY KEY (batch_id, plot_id)
);
CREATE TABLE batch_certificate (
    batch_id        bigint NOT NULL REFERENCES batch (id),
    certificate_id  bigint NOT NULL REFERENCES certificate (id),
    PRIMARY KEY (batch_id, certificate_id)
);
