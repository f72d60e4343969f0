-- Per-tenant retention of conversation logs: conversations inactive for longer than retention_days are erased
-- by the scheduled purge (null = keep). Lookup of one visitor's conversations for GDPR erasure.
create table analytics_settings (
    tenant_id      uuid primary key,
    retention_days int check (retention_days between 1 and 36500),
    updated_at     timestamptz not null default now(),
    updated_by     text
);
create index analytics_conversations_visitor_idx on analytics_conversations (tenant_id, visitor);
