-- Sync of approved knowledge to other systems. A target per tenant (type = the SyncTargetFactory id; the secret is
-- SecretBox ciphertext); an outbox row per approved change and target, written in the approval's transaction.
create table kb_sync_targets (
    id          uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    type        text not null,
    url         text,
    options     jsonb not null default '{}',
    secret      text,
    secret_hint text,
    enabled     boolean not null default true,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index kb_sync_targets_tenant on kb_sync_targets (tenant_id, created_at);

create table kb_sync_outbox (
    id              uuid primary key,
    tenant_id       uuid not null,
    target_id       uuid not null references kb_sync_targets (id) on delete cascade,
    item_id         text not null,           -- the page or article, stable across versions
    content_hash    text not null,           -- the version: one delivery per item version and target
    payload         jsonb not null,
    status          text not null,           -- OutboxStatus
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    unique (target_id, item_id, content_hash)
);
create index kb_sync_outbox_due on kb_sync_outbox (next_attempt_at) where status = 'PENDING';
create index kb_sync_outbox_target on kb_sync_outbox (tenant_id, target_id, status, created_at);
