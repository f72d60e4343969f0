-- Chat: conversations, messages, feedback and analytics events. Tenant-owned: every row carries tenant_id.
create table chat_conversations (
    id            uuid primary key,
    tenant_id     uuid        not null,
    title         text,
    channel       text        not null,
    locale        text        not null,
    space_ids     uuid[]      not null default '{}',
    created_by    text,
    message_count int         not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index chat_conversations_tenant_idx on chat_conversations (tenant_id, updated_at desc, id desc);

create table chat_messages (
    id              uuid primary key,
    tenant_id       uuid        not null,
    conversation_id uuid        not null references chat_conversations (id) on delete cascade,
    role            text        not null check (role in ('user', 'assistant')),
    content         text        not null default '',
    citations       jsonb       not null default '[]',
    no_answer       boolean     not null default false,
    provider        text,
    model           text,
    input_tokens    int         not null default 0,
    output_tokens   int         not null default 0,
    latency_ms      bigint,
    ttft_ms         bigint,
    finish_reason   text,
    status          text        not null default 'complete'
                    check (status in ('streaming', 'complete', 'incomplete', 'error')),
    search_query    text,
    created_at      timestamptz not null default now()
);
create index chat_messages_conversation_idx on chat_messages (conversation_id, created_at, id);
create index chat_messages_tenant_idx on chat_messages (tenant_id, created_at);

create table chat_feedback (
    id          uuid primary key,
    tenant_id   uuid        not null,
    message_id  uuid        not null references chat_messages (id) on delete cascade,
    rating      text        not null check (rating in ('up', 'down')),
    comment     text,
    solved      boolean,
    created_by  text,
    created_at  timestamptz not null default now()
);
create index chat_feedback_message_idx on chat_feedback (message_id);
create index chat_feedback_tenant_idx on chat_feedback (tenant_id, created_at);

-- Append-only analytics events (ConversationStarted, MessageAnswered, FeedbackGiven); kept when a
-- conversation is deleted, so no foreign keys.
create table chat_events (
    id              uuid primary key,
    tenant_id       uuid        not null,
    type            text        not null,
    conversation_id uuid,
    message_id      uuid,
    payload         jsonb       not null,
    occurred_at     timestamptz not null default now()
);
create index chat_events_tenant_idx on chat_events (tenant_id, type, occurred_at);
