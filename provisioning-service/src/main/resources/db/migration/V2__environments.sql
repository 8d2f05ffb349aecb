-- Environments of the Organizations ({org}-{env_type}); the name is immutable and unique Sovereign-wide.
create table environment (
    name          text        primary key,
    organization  text        not null,
    type          text        not null check (type in ('prod', 'stg', 'uat', 'dev', 'poc')),
    status        text        not null,
    regions       text        not null,
    created_at    timestamptz not null,
    created_by    text        not null,
    bootstrap_sha text,
    unique (organization, type)
);

create index environment_by_organization on environment (organization, name);

-- Which Applications are installed in which Environment. The install flow writes it; deleting an Environment
-- is refused while it has rows here (unless forced with confirmation).
create table application_installation (
    environment   text        not null references environment (name) on delete cascade,
    application   text        not null,
    organization  text        not null,
    installed_at  timestamptz not null,
    primary key (environment, application)
);
