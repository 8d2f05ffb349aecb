-- Application state (issue 5 §5): the card state from runtime status events. status_observed_at / status_generation
-- are what the state was derived from, so an older event never overwrites a newer one.
alter table application
    add column ready_pods          int,
    add column desired_pods        int,
    add column status_reason       text,
    add column status_changed_at   timestamptz,
    add column status_observed_at  timestamptz,
    add column status_generation   bigint,
    add column observed_commit     text;
