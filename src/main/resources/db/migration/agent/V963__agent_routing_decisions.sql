-- Routing decisions of routed conversations, for the console's routing page: which agent took which question (PII
-- masked, at most 300 characters), from which agent, by the routing call (model) or by the words (lexical), with the
-- evidence score. Kept 90 days.
create table agent_routing_decisions (
    id              bigserial primary key,
    tenant_id       uuid not null,
    conversation_id uuid not null,
    question        text not null,
    agent_id        uuid not null,
    agent_name      text not null,
    from_agent_id   uuid,
    from_agent_name text,
    switched        boolean not null,
    method          text not null,
    score           double precision not null,
    decided_at      timestamptz not null default now()
);
create index agent_routing_decisions_tenant on agent_routing_decisions (tenant_id, decided_at desc);
