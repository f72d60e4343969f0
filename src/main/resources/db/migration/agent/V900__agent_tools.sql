-- Agent module: tenant-configured tools (secrets sealed by SecretBox) and the tenant's service catalogue.
create table agent_tools (
    id          uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    type        text not null,
    description text not null,
    config      jsonb not null default '{}',
    secrets     text,                      -- SecretBox-sealed JSON object {name: value}
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create unique index agent_tools_tenant_name on agent_tools (tenant_id, name);

create table agent_services (
    id          uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    description text not null default '',
    kind        text not null,             -- form | appointment | online_service | information
    url         text,
    office      text,
    fees        text,
    documents   jsonb not null default '[]',
    keywords    jsonb not null default '[]',
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index agent_services_tenant on agent_services (tenant_id, name);
