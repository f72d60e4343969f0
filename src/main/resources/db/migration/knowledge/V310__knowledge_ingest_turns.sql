-- Round-robin between tenants in the upload queue: when each tenant was last served by a worker (any node).
create table knowledge_ingest_turns (
    tenant_id       uuid primary key,
    last_claimed_at timestamptz not null
);
