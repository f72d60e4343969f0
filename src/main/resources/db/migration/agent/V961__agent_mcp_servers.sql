-- External MCP servers a tenant registered for its agents (streamable HTTP). tools holds the picked tools as the
-- server described them when they were picked ([{name, remoteName, description, inputSchema}]), so building a run's
-- tool list needs no round trip; secrets is the SecretBox-sealed bearer token.
create table agent_mcp_servers (
    id          uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    url         text not null,
    timeout_ms  integer not null,
    tools       jsonb not null default '[]',
    secrets     text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create unique index agent_mcp_servers_tenant_name on agent_mcp_servers (tenant_id, name);
