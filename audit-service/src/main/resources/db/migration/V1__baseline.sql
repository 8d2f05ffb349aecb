-- Baseline of the audit database. The events tables (outbox, processed events) come from platform/events;
-- the service's own tables arrive with its capability.
comment on schema public is 'Catalyst audit-service';
