-- llm module: per-tenant model providers, call records, monthly usage aggregates, budgets.
create table llm_providers (
    id              uuid primary key,
    tenant_id       uuid not null,
    name            text not null,
    type            text not null,
    base_url        text,
    api_key_sealed  text,
    api_key_hint    text,
    api_version     text,
    default_model   text,
    models          jsonb not null default '[]'::jsonb,
    timeout_seconds integer not null,
    priority        integer not null,
    enabled         boolean not null,
    pii_protection  boolean not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint llm_providers_name_unique unique (tenant_id, name)
);
create index llm_providers_tenant on llm_providers (tenant_id, priority desc);

-- one row per provider attempt (so failures before a fallback are visible too); never holds prompt text
create table llm_calls (
    id             uuid primary key,
    tenant_id      uuid not null,
    created_at     timestamptz not null default now(),
    provider       text not null,
    provider_type  text not null,
    provider_id    uuid,
    model          text,
    purpose        text,
    streamed       boolean not null,
    input_tokens   integer not null default 0,
    output_tokens  integer not null default 0,
    ttft_ms        bigint,
    latency_ms     bigint not null,
    outcome        text not null,
    error_code     text,
    cost_eur       numeric(14, 6) not null default 0,
    pii_masked     integer not null default 0
);
create index llm_calls_tenant_time on llm_calls (tenant_id, created_at);

create table llm_monthly_usage (
    tenant_id     uuid not null,
    month         date not null,
    tokens        bigint not null default 0,
    cost_eur      numeric(16, 6) not null default 0,
    primary key (tenant_id, month)
);

create table llm_budgets (
    tenant_id            uuid primary key,
    monthly_tokens       bigint,
    monthly_eur          numeric(14, 4),
    extractive_fallback  boolean not null default true,
    updated_at           timestamptz not null default now()
);
