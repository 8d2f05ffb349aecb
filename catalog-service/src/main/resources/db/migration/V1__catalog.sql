-- catalog-service: Blueprints synced from Git sources, their immutable versions, sync reports and the
-- usage read model kept from provisioning events.

create table catalog_source (
    id             text        primary key,            -- "{owner}/{repo}", e.g. catalog/blueprints
    owner          text        not null,               -- Git organisation: catalog, catalog-sovereign or an Organization
    repo           text        not null,
    url            text        not null,
    branch         text        not null default 'main',
    scope          text        not null check (scope in ('public', 'sovereign', 'organization')),
    organization   text,                                -- set for scope 'organization'
    last_commit    text,
    last_synced_at timestamptz,
    last_status    text,
    created_at     timestamptz not null default now(),
    check ((scope = 'organization') = (organization is not null))
);

create table sync_run (
    id          bigserial   primary key,
    source_id   text        not null references catalog_source (id),
    trigger     text        not null,                   -- push, schedule, seed, manual, startup
    commit_sha  text,
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    status      text        not null check (status in ('ok', 'rejected-files', 'failed')),
    published   integer     not null default 0,
    unchanged   integer     not null default 0,
    rejected    integer     not null default 0,
    error       text
);
create index sync_run_latest on sync_run (source_id, id desc);

create table sync_file_error (
    run_id    bigint not null references sync_run (id) on delete cascade,
    path      text   not null,
    blueprint text,
    version   text,
    pointer   text   not null,
    message   text   not null
);
create index sync_file_error_run on sync_file_error (run_id);

-- One row per Blueprint (per scope); the card is the one of its highest version.
create table blueprint (
    id             bigserial   primary key,
    name           text        not null,
    organization   text,                                -- null: visible Sovereign-wide (catalog, catalog-sovereign)
    source_id      text        not null references catalog_source (id),
    visibility     text        not null check (visibility in ('listed', 'unlisted', 'private')),
    title          text        not null,
    summary        text        not null,
    category       text        not null,
    tags           text[]      not null default '{}',
    icon           text,
    documentation  text,
    license        text,
    owner_team     text,
    owner_contact  text,
    latest_version text        not null,
    readme         text,
    installs       integer     not null default 0,
    search         tsvector    not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
-- Unique slugs, enforced by the database (the legacy catalog only checked before inserting).
create unique index blueprint_name_in_scope on blueprint (coalesce(organization, ''), name);
create index blueprint_search on blueprint using gin (search);
create index blueprint_tags on blueprint using gin (tags);
create index blueprint_listing on blueprint (visibility, organization, category);

create table blueprint_version (
    id            bigserial   primary key,
    blueprint_id  bigint      not null references blueprint (id),
    version       text        not null,
    digest        text        not null,                -- sha256 of the canonical document: the version's identity
    document      jsonb       not null,                -- canonical blueprint.yaml
    readme        text,
    source_path   text        not null,
    commit_sha    text        not null,
    deprecation   text,
    deprecated_at timestamptz,
    published_at  timestamptz not null,
    unique (blueprint_id, version)
);

-- Applications using a Blueprint, per Organization (from provisioning's application events).
create table application_usage (
    organization text        not null,
    environment  text        not null,
    application  text        not null,
    blueprint    text        not null,
    version      text,
    status       text        not null,
    updated_at   timestamptz not null,
    primary key (organization, environment, application)
);
create index application_usage_blueprint on application_usage (blueprint, organization);
