-- Invitations into an Organization: the token is shown once to the inviter and delivered to the invitee; only its
-- SHA-256 is stored. An invitation is used once (accepted_at) and expires after 7 days.
create table invitation (
    id           uuid        primary key,
    organization text        not null references organization (slug) on delete cascade,
    token_hash   bytea       not null unique,
    email        text,
    phone        text,
    roles        text[]      not null,
    environments text[]      not null default '{}',
    invited_by   text,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    accepted_by  uuid,
    revoked_at   timestamptz,
    constraint invitation_has_contact check (email is not null or phone is not null)
);
create index invitation_by_organization on invitation (organization, created_at desc);

alter table organization add column suspended_at timestamptz;
alter table organization add column suspension_reason text;

-- Personal access tokens: cat_pat_ + 32 random bytes, only the SHA-256 is stored; shown once at creation.
create table personal_access_token (
    id           uuid        primary key,
    user_id      uuid        not null references app_user (id) on delete cascade,
    name         text        not null,
    token_hash   bytea       not null unique,
    scopes       text[]      not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index personal_access_token_by_user on personal_access_token (user_id, created_at desc);
