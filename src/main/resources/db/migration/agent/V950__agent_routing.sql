-- Routing between agents: the tenant's setting (on/off, which published agents take part) and, per conversation,
-- the agent that answers it now (a conversation stays with its agent until the topic changes).
create table agent_routing (
    tenant_id  uuid primary key,
    data       jsonb not null,
    updated_at timestamptz not null default now()
);
create table agent_conversation_routes (
    conversation_id uuid primary key,
    tenant_id       uuid not null,
    agent_id        uuid not null,
    method          text not null,            -- lexical | model
    routed_at       timestamptz not null default now()
);
