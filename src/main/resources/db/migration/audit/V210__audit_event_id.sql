-- Entries written from bus events remember the event, so a redelivered event is not audited twice.
alter table audit_entries add column event_id uuid;
create unique index audit_entries_event_id on audit_entries (event_id) where event_id is not null;
