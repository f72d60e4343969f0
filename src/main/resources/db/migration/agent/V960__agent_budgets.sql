-- Cost caps of the agent runtime: token budgets per tenant (scope_id = tenant id) and per agent (scope_id = agent id),
-- per conversation, per day and per month (Europe/Berlin); null = no cap of that kind. Every model call of a run is
-- booked in agent_token_usage, which the caps are summed from.
create table agent_budgets (
    tenant_id               uuid not null,
    scope_id                uuid not null,
    tokens_per_conversation bigint,
    tokens_per_day          bigint,
    tokens_per_month        bigint,
    updated_at              timestamptz not null default now(),
    primary key (tenant_id, scope_id)
);
create table agent_token_usage (
    id              bigserial primary key,
    tenant_id       uuid not null,
    agent_id        uuid,
    conversation_id uuid,
    run_id          uuid,
    tokens          integer not null,
    booked_at       timestamptz not null default now()
);
create index agent_token_usage_tenant on agent_token_usage (tenant_id, booked_at);
create index agent_token_usage_agent on agent_token_usage (tenant_id, agent_id, booked_at);
create index agent_token_usage_conversation on agent_token_usage (tenant_id, conversation_id);
