-- Agent and knowledge-base activity as announced on the event bus (agent runs, approvals, handoffs; kb sync
-- deliveries): one row per event, kept under its event id so a redelivered event counts once. The rows are their own
-- event log: the KPI query counts them per period, so there is no rollup to rebuild.
create table analytics_activity (
    tenant_id   uuid        not null,
    event_id    uuid        not null,
    kind        text        not null,
    occurred_at timestamptz not null,
    primary key (tenant_id, event_id)
);
create index analytics_activity_kind_idx on analytics_activity (tenant_id, kind, occurred_at);
