-- Crawl module: website sources, crawl runs, the page table (change detection, misses) and the
-- db-scheduler table (cron schedules per source, cluster-safe).

create table crawl_sources (
    id               uuid primary key,
    tenant_id        uuid not null,
    space_id         uuid not null,
    type             text not null,
    name             text not null,
    start_urls       jsonb not null,
    include_patterns jsonb not null,
    exclude_patterns jsonb not null,
    max_depth        int not null,
    max_pages        int not null,
    same_host_only   boolean not null,
    follow_sitemaps  boolean not null,
    schedule         text,
    time_zone        text not null,
    auth_username    text,
    auth_secret      text,
    auth_hint        text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index crawl_sources_tenant_space on crawl_sources (tenant_id, space_id);

create table crawl_runs (
    id               uuid primary key,
    tenant_id        uuid not null,
    source_id        uuid not null references crawl_sources (id) on delete cascade,
    space_id         uuid not null,
    status           text not null,
    trigger          text not null,
    requested_by     text,
    -- the tenant as bound when the run was requested, so the worker can bind it again
    tenant_slug      text not null,
    tenant_locale    text,
    tenant_zone      text not null,
    node             text,
    cancel_requested boolean not null default false,
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    heartbeat_at     timestamptz,
    discovered       int not null default 0,
    fetched          int not null default 0,
    new_count        int not null default 0,
    changed          int not null default 0,
    unchanged        int not null default 0,
    removed          int not null default 0,
    skipped          int not null default 0,
    failed           int not null default 0,
    truncated        boolean not null default false,
    error            text
);
create index crawl_runs_tenant_source on crawl_runs (tenant_id, source_id, created_at desc);
create index crawl_runs_status on crawl_runs (status, created_at);

create table crawl_run_failures (
    run_id      uuid not null references crawl_runs (id) on delete cascade,
    tenant_id   uuid not null,
    seq         int not null,
    url         text not null,
    reason      text not null,
    http_status int,
    primary key (run_id, seq)
);

create table crawl_pages (
    tenant_id     uuid not null,
    source_id     uuid not null references crawl_sources (id) on delete cascade,
    url           text not null,
    document_id   uuid,
    last_status   text not null,
    http_status   int,
    etag          text,
    last_modified text,
    outlinks      jsonb,
    miss_count    int not null default 0,
    last_run_id   uuid,
    last_seen_at  timestamptz,
    primary key (source_id, url)
);
create index crawl_pages_tenant on crawl_pages (tenant_id, source_id);

-- db-scheduler (https://github.com/kagkarlsson/db-scheduler), PostgreSQL schema of release 16
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- at most one queued or running run per source
create unique index crawl_runs_one_active on crawl_runs (source_id) where status in ('queued', 'running');
