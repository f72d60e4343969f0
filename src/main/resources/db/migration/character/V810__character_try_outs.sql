-- Try-outs: a character as it stands in the editor (unsaved edits or a selected version), which a console try-out
-- conversation answers with. Short-lived: rows older than a day are removed when new ones are written.
create table character_try_outs (
    id           uuid primary key,
    tenant_id    uuid not null,
    character_id uuid,
    data         jsonb not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index character_try_outs_tenant on character_try_outs (tenant_id, updated_at);
