-- Voice module: a tenant's text-to-speech and speech-to-text providers (keys sealed with the SecretBox).
create table voice_providers (
    id              uuid primary key,
    tenant_id       uuid not null,
    purpose         text not null check (purpose in ('speech', 'transcription')),
    name            text not null,
    type            text not null,
    base_url        text,
    region          text,
    api_key_sealed  text,
    api_key_hint    text,
    model           text,
    voice           text,
    timeout_seconds integer not null default 30,
    priority        integer not null default 0,
    enabled         boolean not null default true,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create unique index voice_providers_name_idx on voice_providers (tenant_id, purpose, lower(name));
