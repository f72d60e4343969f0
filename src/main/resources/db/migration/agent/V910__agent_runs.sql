-- Agent runs: every step recorded (tool, PII-masked arguments, result size, latency, outcome); the run's state
-- (the model conversation so far, sources, a call waiting for approval) is persisted so a run can resume after a restart.
create table agent_runs (
    id              uuid primary key,
    tenant_id       uuid not null,
    agent_id        uuid,
    conversation_id uuid,
    question        text not null,
    mode            text not null,          -- model | extractive
    status          text not null,          -- running | awaiting_approval | completed | failed | handed_over
    answer          text,
    citations       jsonb not null default '[]',
    state           jsonb not null default '{}',
    error_code      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    finished_at     timestamptz
);
create index agent_runs_tenant on agent_runs (tenant_id, created_at desc);

create table agent_steps (
    id           uuid primary key,
    tenant_id    uuid not null,
    run_id       uuid not null references agent_runs (id) on delete cascade,
    n            integer not null,
    kind         text not null,             -- model | tool
    tool         text,
    arguments    text,                      -- PII-masked
    outcome      text not null,
    result_chars integer not null default 0,
    latency_ms   bigint not null,
    error_code   text,
    created_at   timestamptz not null default now()
);
create index agent_steps_run on agent_steps (run_id, n);

-- Per-agent policy (agents live in the character module; this module only keeps what it enforces).
create table agent_policies (
    agent_id        uuid primary key,
    tenant_id       uuid not null,
    data            jsonb not null,
    updated_at      timestamptz not null default now()
);
create index agent_policies_tenant on agent_policies (tenant_id);
