-- Avatar module: a tenant's validated avatars (GLB), their texture-size variants and thumbnails.
create table avatars (
    id          uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    source      text not null,
    source_url  text,
    size_bytes  bigint not null,
    report      jsonb not null,
    created_at  timestamptz not null default now()
);
create index avatars_tenant_idx on avatars (tenant_id, created_at);

-- variant 0 = the original upload; 4096/2048/1024 = textures scaled to at most that many pixels
create table avatar_files (
    avatar_id  uuid not null references avatars (id) on delete cascade,
    tenant_id  uuid not null,
    kind       text not null check (kind in ('glb', 'thumbnail')),
    variant    integer not null,
    content    bytea not null,
    sha256     text not null,
    primary key (avatar_id, kind, variant)
);
