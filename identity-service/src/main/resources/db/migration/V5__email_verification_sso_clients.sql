-- Email verification: cat_ver_ + 32 random bytes mailed to the address, only the SHA-256 is stored; valid 24 hours,
-- used once. Verifying one token ends the user's other outstanding ones.
create table email_verification (
    id         uuid        primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    email      text        not null,
    token_hash bytea       not null unique,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index email_verification_by_user on email_verification (user_id, created_at desc);

-- OIDC clients of installed Applications (client id app-{environment}-{application}), registered on request of
-- provisioning-service. The registered client itself lives in oauth2_registered_client (secret bcrypt-hashed); the
-- secret is kept here AES-GCM encrypted so the secret store can resolve the reference handed out instead of it.
create table sso_client (
    client_id        text        primary key,
    organization     text        not null references organization (slug) on delete cascade,
    environment      text        not null,
    application      text        not null,
    display_name     text        not null,
    redirect_uris    text[]      not null,
    secret_encrypted bytea       not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (environment, application)
);
create index sso_client_by_organization on sso_client (organization);
