-- Curated knowledge articles under a human approval workflow. Every edit is a new, kept version; the article row
-- says where the workflow stands and which version (if any) is published into the space's search index.

create table knowledge_articles (
    id                    uuid primary key,
    tenant_id             uuid not null,
    space_id              uuid not null references knowledge_spaces (id) on delete cascade,
    status                text not null,          -- ArticleStatus
    current_version       integer not null,
    approved_version      integer,
    published_version     integer,
    published_document_id uuid,                   -- the knowledge document the published version was ingested as
    review_comment        text,
    reviewed_by           text,
    reviewed_at           timestamptz,
    created_by            text not null,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now()
);

create index knowledge_articles_tenant_status on knowledge_articles (tenant_id, status, created_at);

create table knowledge_article_versions (
    article_id  uuid not null references knowledge_articles (id) on delete cascade,
    tenant_id   uuid not null,
    version     integer not null,
    title       text not null,
    body        text not null,
    tags        text[] not null default '{}',
    author_id   text not null,
    author_name text,
    created_at  timestamptz not null default now(),
    primary key (article_id, version)
);
