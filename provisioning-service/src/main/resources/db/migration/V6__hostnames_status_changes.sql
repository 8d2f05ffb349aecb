-- Hostnames (issue 5 §3): one Application per hostname Sovereign-wide, so a subdomain chosen in the wizard is
-- taken by exactly one install (the loser of a race gets a 409); uninstalling deletes the row and frees it.
create unique index application_hostname_unique on application (hostname);

-- Application state changes with ids (issue 5 §5): the SSE stream of an Environment reads them, so every replica
-- streams every change and a client reconnecting with Last-Event-ID gets what it missed. Kept for
-- catalyst.provisioning.stream-retention (PT24H).
create table application_status_change (
    id            bigserial   primary key,
    organization  text        not null,
    environment   text        not null,
    application   text        not null,
    data          text        not null,
    changed_at    timestamptz not null
);

create index application_status_change_by_environment on application_status_change (environment, id);
