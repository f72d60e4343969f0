-- A conversation may be bound to a generated agent (character module): answering then uses the agent's prompt,
-- knowledge settings and texts. Kept apart from chat_conversations so the conversation row stays as it was.
create table chat_conversation_agents (
    conversation_id uuid primary key references chat_conversations (id) on delete cascade,
    tenant_id       uuid not null,
    agent_id        uuid not null
);
