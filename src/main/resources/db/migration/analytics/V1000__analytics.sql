-- Analytics: an own log of the module events it was fed (so every rollup can be rebuilt from it) and rollups
-- maintained from those events. Never filled from other modules' tables. Tenant-owned: every row has tenant_id.

-- The raw event log; id is the event's id (conversation, message, feedback, crawl run or indexing event id), so a
-- redelivered event is recognised and counted once.
create table analytics_events (
    id              uuid primary key,
    tenant_id       uuid        not null,
    type            text        not null,
    occurred_at     timestamptz not null,
    conversation_id uuid,
    payload         jsonb       not null
);
create index analytics_events_replay_idx on analytics_events (tenant_id, occurred_at, id);
create index analytics_events_conversation_idx on analytics_events (tenant_id, conversation_id);

-- One row per conversation: its dimensions (answers and feedback are attributed to them) and counters.
create table analytics_conversations (
    conversation_id uuid primary key,
    tenant_id       uuid        not null,
    started_at      timestamptz not null,
    channel         text        not null,
    widget_id       uuid,
    agent_id        uuid,
    visitor         text,
    returning_visitor boolean   not null default false,
    answers         int         not null default 0,
    no_answers      int         not null default 0
);
create index analytics_conversations_tenant_idx on analytics_conversations (tenant_id, started_at);

-- Pseudonymous visitors (a hash of the widget's visitor id) and when they were first seen.
create table analytics_visitors (
    tenant_id  uuid        not null,
    visitor    text        not null,
    first_seen timestamptz not null,
    primary key (tenant_id, visitor)
);

-- Hourly rollups (UTC hours; days and weeks are summed in the tenant's time zone when queried). The dimension
-- columns use '' and the nil UUID for "none" so that they can be part of the key.
create table analytics_hourly (
    tenant_id       uuid        not null,
    hour            timestamptz not null,
    channel         text        not null,
    widget_id       uuid        not null,
    agent_id        uuid        not null,
    provider        text        not null,
    model           text        not null,
    conversations   int         not null default 0,
    answers         int         not null default 0,
    no_answers      int         not null default 0,
    unfinished      int         not null default 0,
    feedback_up     int         not null default 0,
    feedback_down   int         not null default 0,
    solved_yes      int         not null default 0,
    solved_no       int         not null default 0,
    citations       int         not null default 0,
    input_tokens    bigint      not null default 0,
    output_tokens   bigint      not null default 0,
    latency_ms_sum  bigint      not null default 0,
    ttft_ms_sum     bigint      not null default 0,
    ttft_count      int         not null default 0,
    latency_hist    int[]       not null,
    ttft_hist       int[]       not null,
    primary key (tenant_id, hour, channel, widget_id, agent_id, provider, model)
);

create table analytics_knowledge_hourly (
    tenant_id  uuid        not null,
    hour       timestamptz not null,
    added      int         not null default 0,
    changed    int         not null default 0,
    failed     int         not null default 0,
    removed    int         not null default 0,
    primary key (tenant_id, hour)
);

create table analytics_crawls (
    run_id      uuid primary key,
    tenant_id   uuid        not null,
    space_id    uuid,
    source_id   uuid,
    finished_at timestamptz not null,
    status      text        not null,
    fetched     int         not null,
    added       int         not null,
    changed     int         not null,
    unchanged   int         not null,
    removed     int         not null,
    failed      int         not null
);
create index analytics_crawls_tenant_idx on analytics_crawls (tenant_id, finished_at desc);

-- Daily counts (days in the tenant's time zone) of cited pages and of question terms (German analysis: term is the stem, label the first
-- word seen for it) for the top lists.
create table analytics_cited_daily (
    tenant_id uuid not null,
    day       date not null,
    url       text not null,
    title     text,
    citations int  not null default 0,
    primary key (tenant_id, day, url)
);

create table analytics_terms_daily (
    tenant_id uuid not null,
    day       date not null,
    term      text not null,
    label     text not null,
    questions int  not null default 0,
    primary key (tenant_id, day, term)
);

-- Questions the assistant could not answer or whose answer was rated down, for mining.
create table analytics_unanswered (
    message_id      uuid primary key,
    tenant_id       uuid        not null,
    conversation_id uuid,
    asked_at        timestamptz not null,
    question        text        not null,
    no_answer       boolean     not null default false,
    thumbs_down     boolean     not null default false,
    handled_at      timestamptz,
    handled_by      text
);
create index analytics_unanswered_tenant_idx on analytics_unanswered (tenant_id, asked_at);
