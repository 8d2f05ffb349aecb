-- Identity federation: upstream OpenID Connect providers (a corporate IdP) registered by a sovereign-admin, and the
-- link between an upstream identity (issuer + subject) and a local user.

-- mappings: JSON array of rules, first match wins:
--   {"emailDomains": ["bank-dhofar.om"], "organization": "bank-dhofar"} or
--   {"claim": "groups", "value": "catalyst", "organization": "bank-dhofar"}.
-- client_secret is AES-GCM encrypted with the service's key-encryption secret; it is never returned.
create table federation_provider (
    id            text        primary key,
    display_name  text        not null,
    issuer_uri    text        not null unique,
    client_id     text        not null,
    client_secret bytea       not null,
    scopes        text[]      not null,
    mappings      jsonb       not null,
    default_role  text        not null,
    created_by    text,
    created_at    timestamptz not null
);

-- One row per upstream identity that has signed in. The provider may be deleted and registered again (same issuer):
-- the link survives, so a returning user keeps their account.
create table federated_identity (
    issuer        text        not null,
    subject       text        not null,
    provider      text        not null,
    user_id       uuid        not null references app_user (id) on delete cascade,
    email         text,
    created_at    timestamptz not null,
    last_login_at timestamptz not null,
    primary key (issuer, subject)
);
create index federated_identity_by_user on federated_identity (user_id);
