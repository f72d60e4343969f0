-- Ordered changes of state each instance keeps for itself (the search index): written after the change committed,
-- read by sequence by every other instance (origin = the writing process). Old rows are pruned.
create table platform_change_feed (
    seq        bigserial primary key,
    feed       text not null,
    origin     text not null,
    tenant_id  uuid,
    kind       text not null,
    subject    uuid not null,
    created_at timestamptz not null default now()
);

create index platform_change_feed_by_feed on platform_change_feed (feed, seq);
create index platform_change_feed_created on platform_change_feed (created_at);
