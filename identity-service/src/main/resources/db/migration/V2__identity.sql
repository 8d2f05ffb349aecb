-- identity-service: signing keys, users, Organizations, memberships, teams, one-time codes, refresh token
-- families, rate-limit hits, and the tables of Spring Authorization Server (registered clients, authorizations,
-- consents; PostgreSQL variant: text instead of blob, timestamptz instead of timestamp).

-- RS256 signing keys. A key is published in the JWKS from its creation, signs from signing_from (so resource
-- servers have it cached before the first token signed with it) and stays published until the tokens it signed
-- have expired. The private key is AES-GCM encrypted with the service's key-encryption secret.
create table signing_key (
    kid          text        primary key,
    algorithm    text        not null default 'RS256',
    public_key   bytea       not null,
    private_key  bytea       not null,
    created_at   timestamptz not null,
    signing_from timestamptz not null
);

create table organization (
    slug         text        primary key,
    display_name text        not null,
    style        text        not null,
    status       text        not null default 'active',
    created_by   uuid,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

create table app_user (
    id              uuid        primary key,
    email           text        unique,
    phone           text        unique,
    password_hash   text,
    display_name    text,
    email_verified  boolean     not null default false,
    sovereign_admin boolean     not null default false,
    failed_logins   integer     not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null,
    constraint app_user_has_login check (email is not null or phone is not null)
);

-- A user belongs to one Organization (DOMAIN.md §1.4); sovereign-admins may belong to none.
create table membership (
    user_id      uuid        primary key references app_user (id) on delete cascade,
    organization text        not null references organization (slug),
    roles        text[]      not null,
    environments text[]      not null default '{}',
    joined_at    timestamptz not null
);
create index membership_by_organization on membership (organization);

create table team (
    organization text        not null references organization (slug),
    name         text        not null,
    display_name text        not null,
    created_at   timestamptz not null,
    primary key (organization, name)
);

create table team_member (
    organization text not null,
    team         text not null,
    user_id      uuid not null references app_user (id) on delete cascade,
    primary key (organization, team, user_id),
    foreign key (organization, team) references team (organization, name) on delete cascade
);
create index team_member_by_user on team_member (user_id);

-- One-time codes sent by SMS: only an HMAC of the code is stored.
create table otp_challenge (
    id           uuid        primary key,
    phone        text        not null,
    code_hash    bytea       not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    attempts     integer     not null default 0,
    consumed_at  timestamptz,
    requester_ip text
);
create index otp_challenge_by_phone on otp_challenge (phone, created_at desc);

-- Sliding-window rate limits shared by every replica (bucket e.g. 'otp-send:ip:203.0.113.9').
create table rate_limit_hit (
    bucket text        not null,
    at     timestamptz not null
);
create index rate_limit_hit_by_bucket on rate_limit_hit (bucket, at);

-- Refresh tokens rotate on every use; a family is one login. Re-use of a rotated token revokes the family.
create table refresh_family (
    id             uuid        primary key,
    user_id        uuid        not null references app_user (id) on delete cascade,
    created_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_reason text
);
create index refresh_family_by_user on refresh_family (user_id);

create table refresh_token (
    token_hash bytea       primary key,
    family_id  uuid        not null references refresh_family (id) on delete cascade,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index refresh_token_by_family on refresh_token (family_id);

-- Spring Authorization Server
create table oauth2_registered_client (
    id                            varchar(100)  not null primary key,
    client_id                     varchar(100)  not null unique,
    client_id_issued_at           timestamptz   default current_timestamp not null,
    client_secret                 varchar(200)  default null,
    client_secret_expires_at      timestamptz   default null,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000) default null,
    post_logout_redirect_uris     varchar(1000) default null,
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null
);

create table oauth2_authorization (
    id                            varchar(100)  not null primary key,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
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
    device_code_metadata          text          default null
);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);
