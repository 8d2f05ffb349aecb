-- The Environments of each Organization (from provisioning's environment.created/deleted events): the promotion order.
create table environment (
    name         text primary key,
    organization text not null,
    type         text not null
);
create index environment_organization on environment (organization);

-- The head of every branch of the Organizations' repositories and since when (branch.moved.v1 movedAt): soak counts
-- from moved_at of the SHA being promoted.
create table branch_head (
    owner      text        not null,
    repository text        not null,
    branch     text        not null,
    sha        text,
    moved_at   timestamptz not null,
    primary key (owner, repository, branch)
);

-- A promotion of one Application from its source Environment's branch to the next Environment's.
create table promotion (
    id                 uuid        primary key,
    organization       text        not null,
    application        text        not null,
    source_environment text        not null,
    target_environment text        not null,
    source_sha         text        not null,
    state              text        not null check (state in ('open', 'merged', 'closed', 'superseded')),
    requested_by       text        not null,
    decided_by         text,
    reason             text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index promotion_open_source on promotion (organization, application, source_environment) where state = 'open';

-- Approvals and rejections, each bound to the source head SHA it was given to.
create table approval (
    id             uuid        primary key,
    promotion_id   uuid        not null references promotion (id),
    subject        text        not null,
    teams          text        not null, -- comma-separated, as the token had them
    roles          text        not null,
    sha            text        not null,
    verdict        text        not null check (verdict in ('approve', 'reject')),
    comment        text,
    created_at     timestamptz not null,
    invalidated_at timestamptz
);
create index approval_promotion on approval (promotion_id);
