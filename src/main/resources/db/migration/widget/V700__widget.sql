-- Widget module: embeddable assistant configurations, visitor conversations, daily usage, signing key.
create table widgets (
    id          uuid primary key,
    tenant_id   uuid not null,
    public_key  text not null unique,
    name        text not null,
    status      text not null,
    settings    jsonb not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index widgets_tenant_idx on widgets (tenant_id, created_at);

-- which visitor owns which conversation / assistant message (so a visitor can only continue and rate its own)
create table widget_conversations (
    conversation_id uuid primary key,
    tenant_id       uuid not null,
    widget_id       uuid not null references widgets (id) on delete cascade,
    visitor_id      text not null,
    created_at      timestamptz not null default now()
);
create table widget_messages (
    message_id      uuid primary key,
    tenant_id       uuid not null,
    widget_id       uuid not null references widgets (id) on delete cascade,
    conversation_id uuid not null,
    visitor_id      text not null,
    created_at      timestamptz not null default now()
);

-- tokens and messages per widget and day (Europe/Berlin), for the daily token budget
create table widget_usage (
    tenant_id  uuid not null,
    widget_id  uuid not null references widgets (id) on delete cascade,
    day        date not null,
    tokens     bigint not null default 0,
    messages   integer not null default 0,
    primary key (widget_id, day)
);

-- platform-wide: the HMAC key for visitor tokens, sealed with the SecretBox master key
create table widget_signing_keys (
    name       text primary key,
    sealed_key text not null,
    created_at timestamptz not null default now()
);
