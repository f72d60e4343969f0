-- Character module: tenant profile, characters with versions, persona generation jobs, personas, agents with versions.
create table character_profiles (
    tenant_id  uuid primary key,
    data       jsonb not null,
    source     text not null,               -- derived | edited
    updated_at timestamptz not null default now()
);

create table characters (
    id         uuid primary key,
    tenant_id  uuid not null,
    name       text not null,
    version    integer not null,
    is_default boolean not null default false,
    data       jsonb not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index characters_tenant on characters (tenant_id, created_at desc);
create unique index characters_one_default on characters (tenant_id) where is_default;

create table character_versions (
    character_id uuid not null references characters (id) on delete cascade,
    tenant_id    uuid not null,
    version      integer not null,
    data         jsonb not null,
    actor        text,
    note         text,
    created_at   timestamptz not null default now(),
    primary key (character_id, version)
);

create table persona_jobs (
    id          uuid primary key,
    tenant_id   uuid not null,
    status      text not null,              -- queued | running | succeeded | failed
    request     jsonb not null,
    result      jsonb,
    error       text,
    actor       text,
    created_at  timestamptz not null default now(),
    finished_at timestamptz
);
create index persona_jobs_tenant on persona_jobs (tenant_id, created_at desc);

create table personas (
    id            uuid primary key,
    tenant_id     uuid not null,
    character_id  uuid,
    job_id        uuid,
    status        text not null,            -- proposed | approved
    name          text not null,
    quality_score double precision not null,
    data          jsonb not null,
    approved_by   text,
    approved_at   timestamptz,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index personas_tenant on personas (tenant_id, created_at desc);

create table agents (
    id           uuid primary key,
    tenant_id    uuid not null,
    character_id uuid not null,
    persona_id   uuid,
    name         text not null,
    status       text not null,             -- draft | in_review | published | archived
    version      integer not null,
    data         jsonb not null,
    author       text,
    validation   jsonb,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index agents_tenant on agents (tenant_id, created_at desc);
create index agents_character on agents (tenant_id, character_id);

create table agent_versions (
    agent_id   uuid not null references agents (id) on delete cascade,
    tenant_id  uuid not null,
    version    integer not null,
    status     text not null,
    data       jsonb not null,
    actor      text,
    created_at timestamptz not null default now(),
    primary key (agent_id, version)
);
