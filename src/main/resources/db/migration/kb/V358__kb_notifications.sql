-- Reviewers' inbox: one entry per reviewer and event that asked for a review (an article submitted, a crawl change
-- proposed). The event id makes a redelivered event harmless.
create table kb_notifications (
    id           uuid primary key,
    tenant_id    uuid not null,
    user_id      text not null,
    event_id     uuid not null,
    kind         text not null,          -- article | change
    subject_id   text not null,
    title        text,
    created_at   timestamptz not null default now(),
    read_at      timestamptz,
    unique (tenant_id, user_id, event_id)
);
create index kb_notifications_user on kb_notifications (tenant_id, user_id, created_at desc);
