-- Approval tasks: a paused run's proposed tool calls wait here for a person's decision (or expire).
create table agent_approvals (
    id          uuid primary key,
    tenant_id   uuid not null,
    run_id      uuid not null references agent_runs (id) on delete cascade,
    agent_id    uuid,
    calls       jsonb not null,               -- [{id, name, arguments}] as the model proposed them
    status      text not null,                -- pending | approved | denied | expired
    decided_by  text,
    decided_at  timestamptz,
    note        text,
    expires_at  timestamptz not null,
    created_at  timestamptz not null default now()
);
create index agent_approvals_pending on agent_approvals (tenant_id, status, created_at);
create index agent_approvals_expiry on agent_approvals (status, expires_at);
