-- Event bus. event_publication: Spring Modulith's JDBC event publication registry (schema v2 of Modulith 2.x):
-- one row per event and listener until the listener completed, so no delivery is lost to a failure or a crash.
create table event_publication (
    id                     uuid primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- The ordered log for live subscribers (SSE) and Last-Event-ID resumption; pruned by age (wattos.events.retention).
create table event_log (
    seq         bigint generated always as identity primary key,
    id          uuid not null unique,
    tenant_id   uuid,
    topic       text not null,
    occurred_at timestamptz not null,
    logged_at   timestamptz not null default now(),
    envelope    jsonb not null
);
create index event_log_tenant_seq on event_log (tenant_id, seq);
create index event_log_logged_at on event_log (logged_at);
