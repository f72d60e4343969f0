-- The tenant's handoff queue: a conversation handed to a person (reason code, short summary), taken by staff, ended
-- back to the agent. At most one open handoff per conversation.
create table agent_handoffs (
    id              uuid primary key,
    tenant_id       uuid not null,
    conversation_id uuid not null,
    run_id          uuid,
    agent_id        uuid,
    reason          text not null,            -- citizen_request | repeated_no_answer | negative_feedback | sensitive_topic | approval_denied | out_of_scope
    summary         text not null,
    status          text not null,            -- waiting | active | ended
    taken_by        text,
    taken_at        timestamptz,
    ended_at        timestamptz,
    end_note        text,
    created_at      timestamptz not null default now()
);
create unique index agent_handoffs_one_open on agent_handoffs (tenant_id, conversation_id) where status in ('waiting', 'active');
create index agent_handoffs_queue on agent_handoffs (tenant_id, status, created_at desc);
