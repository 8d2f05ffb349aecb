-- Installs (issue 5 §3): a plan, then its execution as a saga of steps that a retry or the resumer can finish and a
-- failure compensates. The plan and request are kept as JSON; Idempotency-Key is unique per Organization.
create table install (
    id               uuid        primary key,
    organization     text        not null,
    environment      text        not null references environment (name) on delete cascade,
    name             text        not null,
    blueprint        text        not null,
    idempotency_key  text,
    request_hash     text        not null,
    plan             text        not null,
    status           text        not null check (status in ('Planned', 'Applying', 'Installed', 'RolledBack')),
    failure          text,
    lease_until      timestamptz,
    attempts         int         not null default 0,
    created_at       timestamptz not null,
    created_by       text        not null,
    updated_at       timestamptz not null,
    unique (organization, idempotency_key)
);

create index install_to_resume on install (status, lease_until) where status = 'Applying';

create table install_step (
    install_id  uuid not null references install (id) on delete cascade,
    position    int  not null,
    kind        text not null,
    target      text not null,
    status      text not null check (status in ('Pending', 'Done', 'Compensated', 'CompensationFailed')),
    detail      text,
    primary key (install_id, position)
);

-- Applications: one repository {org}/{name} each; the name is unique in its Organization. status is the card state
-- (Installing until runtime events arrive).
create table application (
    organization     text        not null,
    name             text        not null,
    environment      text        not null references environment (name) on delete cascade,
    blueprint        text        not null,
    version          text        not null,
    digest           text,
    category         text,
    backing_service  boolean     not null,
    depends_on       text        not null default '',
    hostname         text,
    status           text        not null,
    install_id       uuid,
    created_at       timestamptz not null,
    created_by       text        not null,
    updated_at       timestamptz not null,
    primary key (organization, name)
);

create index application_by_environment on application (environment, status, name);
