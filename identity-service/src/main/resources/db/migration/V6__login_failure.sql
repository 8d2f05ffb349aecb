-- Failed password logins of an email that has no account (or no password), counted and locked exactly like an
-- account's (app_user.failed_logins / locked_until), so that the lockout's 429 does not tell which emails have an
-- account. Keyed by the SHA-256 of the normalized email: the table holds no address.
create table login_failure (
    email_hash    bytea       primary key,
    failed_logins integer     not null default 0,
    locked_until  timestamptz,
    updated_at    timestamptz not null
);
