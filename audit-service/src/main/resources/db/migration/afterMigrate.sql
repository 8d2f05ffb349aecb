-- Run by Flyway (as the migration login, the owner) after every migrate: what the runtime login may do. It may read
-- and append audit records, move the chain heads, and use the events tables; it may never UPDATE, DELETE or TRUNCATE
-- a record. Repeated on every start so that tables a later migration adds (platform/events' too) are covered.
revoke update, delete, truncate on audit_record from ${runtime_login};
grant select, insert on audit_record to ${runtime_login};
grant select, insert, update on audit_chain to ${runtime_login};
grant select, insert, update, delete on catalyst_outbox, catalyst_processed_event to ${runtime_login};
grant usage, select on all sequences in schema public to ${runtime_login};
revoke update, delete, truncate on audit_checkpoint from ${runtime_login};
grant select, insert on audit_checkpoint to ${runtime_login};
