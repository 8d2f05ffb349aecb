-- Application operations (issue 5 §4): a paused Application keeps the card state it had, to return to on resume.
create table application_pause (
    organization     text        not null,
    name             text        not null,
    environment      text        not null,
    previous_status  text        not null,
    ready_pods       int,
    desired_pods     int,
    status_reason    text,
    paused_at        timestamptz not null,
    paused_by        text        not null,
    primary key (organization, name),
    foreign key (organization, name) references application (organization, name) on delete cascade
);

-- The Git host: the head of each branch last announced in a git.pushed event. The branch-head reconciler compares
-- it with the repositories and re-announces a push whose event was lost (the process died between the ref update
-- and the outbox commit).
create table branch_head (
    owner         text        not null,
    repository    text        not null,
    branch        text        not null,
    sha           text        not null,
    announced_at  timestamptz not null,
    primary key (owner, repository, branch)
);
