-- Source clicks reported by the widget, per cited page and day (click-through = clicks / citations).
alter table analytics_cited_daily add column clicks int not null default 0;

-- Handoffs to a person requested by the agent run loop (topic channel.handoff.requested): the handoff and
-- self-service rates count the conversations that have one.
create table analytics_handoffs (
    event_id        uuid primary key,
    tenant_id       uuid        not null,
    conversation_id uuid,
    requested_at    timestamptz not null,
    reason          text,
    outcome         text
);
create index analytics_handoffs_tenant_idx on analytics_handoffs (tenant_id, requested_at);
