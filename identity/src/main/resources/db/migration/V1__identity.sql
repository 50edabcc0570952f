-- The identity provider's own tables (docs/identity.md).

create table organisations (
    id   text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name text not null check (length(name) between 1 and 200),
    kind text not null check (kind in ('COOPERATIVE', 'DEPARTMENT', 'CERTIFICATION_BODY'))
);

create table users (
    username        text primary key check (username ~ '^[a-z0-9][a-z0-9._@-]{0,99}$'),
    -- always a hash with its scheme prefix ({argon2@SpringSecurity_v5_8}…, {bcrypt}…), never a password
    password_hash   text not null check (password_hash ~ '^\{(bcrypt|argon2[^}]*)\}.+'),
    display_name    text not null check (length(display_name) between 1 and 200),
    organisation_id text not null references organisations (id),
    roles           text[] not null check (cardinality(roles) > 0),
    enabled         boolean not null default true,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create index users_organisation on users (organisation_id);

-- What the platform adds to an OAuth client of oauth2_registered_client (by client_id).
create table client_profiles (
    client_id       text primary key,
    audience        text[] not null check (cardinality(audience) > 0),
    roles           text[] not null default '{}',
    organisation_id text references organisations (id)
);

-- Spring Authorization Server 7.1's JDBC schema (its oauth2-*-schema.sql), with the changes its
-- notes ask for on PostgreSQL: blob -> text, timestamp -> timestamptz.

create table oauth2_registered_client (
    id                            varchar(100)                            not null,
    client_id                     varchar(100)                            not null,
    client_id_issued_at           timestamptz   default current_timestamp not null,
    client_secret                 varchar(200)  default null,
    client_secret_expires_at      timestamptz   default null,
    client_name                   varchar(200)                            not null,
    client_authentication_methods varchar(1000)                           not null,
    authorization_grant_types     varchar(1000)                           not null,
    redirect_uris                 varchar(1000) default null,
    post_logout_redirect_uris     varchar(1000) default null,
    scopes                        varchar(1000)                           not null,
    client_settings               varchar(2000)                           not null,
    token_settings                varchar(2000)                           not null,
    primary key (id)
);

create unique index oauth2_registered_client_client_id on oauth2_registered_client (client_id);

create table oauth2_authorization (
    id                            varchar(100) not null,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text          default null,
    state                         varchar(500)  default null,
    authorization_code_value      text          default null,
    authorization_code_issued_at  timestamptz   default null,
    authorization_code_expires_at timestamptz   default null,
    authorization_code_metadata   text          default null,
    access_token_value            text          default null,
    access_token_issued_at        timestamptz   default null,
    access_token_expires_at       timestamptz   default null,
    access_token_metadata         text          default null,
    access_token_type             varchar(100)  default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text          default null,
    oidc_id_token_issued_at       timestamptz   default null,
    oidc_id_token_expires_at      timestamptz   default null,
    oidc_id_token_metadata        text          default null,
    refresh_token_value           text          default null,
    refresh_token_issued_at       timestamptz   default null,
    refresh_token_expires_at      timestamptz   default null,
    refresh_token_metadata        text          default null,
    user_code_value               text          default null,
    user_code_issued_at           timestamptz   default null,
    user_code_expires_at          timestamptz   default null,
    user_code_metadata            text          default null,
    device_code_value             text          default null,
    device_code_issued_at         timestamptz   default null,
    device_code_expires_at        timestamptz   default null,
    device_code_metadata          text          default null,
    primary key (id)
);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- The provider looks authorizations up by the value of a code or token (hash indexes: a JWT can
-- be longer than a b-tree entry may be).
create index oauth2_authorization_state on oauth2_authorization using hash (state);
create index oauth2_authorization_code on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_refresh on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_id_token on oauth2_authorization using hash (oidc_id_token_value);
