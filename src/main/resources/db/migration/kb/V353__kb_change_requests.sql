-- Crawl changes under approval: a new, changed or missing page of a source that requires approval waits here for a
-- reviewer. The fetched bytes are kept so approval ingests exactly what was reviewed; the texts are kept for the diff.
create table kb_change_requests (
    id           uuid primary key,
    tenant_id    uuid not null,
    space_id     uuid not null,
    source_id    uuid not null,
    url          text not null,
    kind         text not null,          -- ChangeKind
    status       text not null,          -- ChangeStatus
    document_id  uuid,                   -- the document serving now (null for a new page)
    title        text,
    old_text     text,
    new_text     text,
    new_hash     text,                   -- SHA-256 of new_text; a rejected hash is not proposed again
    content_type text,
    content      bytea,
    metadata     jsonb not null default '{}',
    detected_at  timestamptz not null default now(),
    decided_at   timestamptz,
    decided_by   text,
    decided_by_name text,
    comment      text
);

-- one open change per page
create unique index kb_change_requests_pending on kb_change_requests (tenant_id, source_id, url) where status = 'PENDING';
create index kb_change_requests_queue on kb_change_requests (tenant_id, status, detected_at);
create index kb_change_requests_page on kb_change_requests (tenant_id, source_id, url, status);
