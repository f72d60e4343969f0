-- A tenant's connection to F13 for the seed endpoints (rag-search, chat) and F13 as a retrieval source.
create table f13_settings (
    tenant_id             uuid primary key,
    base_url              text        not null,
    client_id             text,
    client_secret_sealed  text,
    realm                 text,
    guest                 boolean     not null default false,
    chat_model            text,
    rag_enabled           boolean     not null default false,
    rag_timeout_ms        integer     not null default 4000,
    updated_at            timestamptz not null
);
