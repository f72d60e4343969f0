-- Knowledge: spaces, documents (with raw upload bytes), chunks with their vectors, learned vocabulary and
-- per-source block statistics. PostgreSQL is the source of truth; the Lucene index is derived from it.

create table knowledge_spaces (
    id          uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    description text,
    language    text not null default 'de',
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint knowledge_spaces_name_unique unique (tenant_id, name)
);

-- index_seq changes whenever what the search index must show for a document changes; the Lucene index stores
-- the value it indexed, so a stale or missing index is caught up by comparing the two.
create sequence knowledge_index_seq;

create table knowledge_documents (
    id             uuid primary key,
    tenant_id      uuid not null,
    space_id       uuid not null references knowledge_spaces (id) on delete cascade,
    source_id      uuid,
    url            text,
    origin         text not null,                 -- upload | ingest
    filename       text,
    title          text,
    content_type   text,                          -- as declared by the client / server
    detected_type  text,                          -- as detected from the bytes
    doc_type       text,                          -- short kind: pdf, docx, odt, html, markdown, text ...
    size_bytes     bigint,
    metadata       jsonb not null default '{}'::jsonb,
    status         text not null,                 -- pending | indexed | duplicate | failed | removed
    failure_reason text,
    content_hash   text,                          -- SHA-256 of the normalised text
    duplicate_of   uuid,
    chunk_count    integer not null default 0,
    text_preview   text,
    index_seq      bigint not null default nextval('knowledge_index_seq'),
    claimed_by     text,
    claimed_until  timestamptz,
    attempts       integer not null default 0,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    indexed_at     timestamptz
);
create index knowledge_documents_space on knowledge_documents (tenant_id, space_id, created_at desc);
create unique index knowledge_documents_url on knowledge_documents (space_id, coalesce(source_id, '00000000-0000-0000-0000-000000000000'::uuid), url)
    where url is not null and status <> 'removed';
create index knowledge_documents_hash on knowledge_documents (space_id, content_hash) where status = 'indexed';
create index knowledge_documents_pending on knowledge_documents (created_at) where status = 'pending';

-- raw bytes of uploads, so pending work survives restarts
create table knowledge_document_content (
    document_id uuid primary key references knowledge_documents (id) on delete cascade,
    tenant_id   uuid not null,
    content     bytea not null
);

create table knowledge_chunks (
    id              uuid primary key,
    tenant_id       uuid not null,
    space_id        uuid not null,
    document_id     uuid not null references knowledge_documents (id) on delete cascade,
    ordinal         integer not null,
    heading_path    text,
    page            integer,
    start_offset    integer not null,
    text            text not null,
    token_count     integer not null,
    embedding       bytea,                          -- little-endian float32
    embedding_model text,
    embedding_dims  integer,
    created_at      timestamptz not null default now()
);
create index knowledge_chunks_document on knowledge_chunks (document_id, ordinal);

-- paragraph-level blocks per source: a block seen on many pages of one source is boilerplate
create table knowledge_source_block_docs (
    tenant_id   uuid not null,
    source_key  text not null,
    document_id uuid not null,
    block_hash  text not null,
    primary key (tenant_id, source_key, block_hash, document_id)
);
create index knowledge_source_block_docs_doc on knowledge_source_block_docs (document_id);

-- the decompounding dictionary learned from indexed text (words, not tenant data)
create table knowledge_vocabulary (
    word     text primary key,
    doc_freq integer not null default 0
);
