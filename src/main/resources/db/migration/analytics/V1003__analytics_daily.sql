-- Daily rollups (days in the tenant's time zone) next to the hourly ones, so that a KPI query by day or week over
-- months reads a few hundred rows instead of thousands. Same dimensions and counters as analytics_hourly.
create table analytics_daily (
    tenant_id       uuid        not null,
    day             date        not null,
    channel         text        not null,
    widget_id       uuid        not null,
    agent_id        uuid        not null,
    provider        text        not null,
    model           text        not null,
    conversations   bigint      not null default 0,
    answers         bigint      not null default 0,
    no_answers      bigint      not null default 0,
    unfinished      bigint      not null default 0,
    feedback_up     bigint      not null default 0,
    feedback_down   bigint      not null default 0,
    solved_yes      bigint      not null default 0,
    solved_no       bigint      not null default 0,
    citations       bigint      not null default 0,
    input_tokens    bigint      not null default 0,
    output_tokens   bigint      not null default 0,
    latency_ms_sum  bigint      not null default 0,
    ttft_ms_sum     bigint      not null default 0,
    ttft_count      bigint      not null default 0,
    latency_hist    int[]       not null,
    ttft_hist       int[]       not null,
    primary key (tenant_id, day, channel, widget_id, agent_id, provider, model)
);

-- Tenants whose hourly rollups existed before the daily ones: their daily rows are derived once at start-up
-- (the tenant's time zone is known to the application, not to this migration).
create table analytics_daily_backfill (
    tenant_id uuid primary key
);
insert into analytics_daily_backfill (tenant_id) select distinct tenant_id from analytics_hourly;

-- The visitor counts of a KPI query read only this index.
create index analytics_conversations_visitors_idx on analytics_conversations (tenant_id, started_at)
    include (visitor, returning_visitor, channel, widget_id, agent_id);
drop index analytics_conversations_tenant_idx;
