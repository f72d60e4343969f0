-- Crawl runs survive the death of their node: a run is leased to one node (node, lease_token) until lease_until,
-- which each progress save extends; a run whose lease expired is taken over by another worker (takeovers counts
-- that) and continues from its saved frontier instead of starting again.
alter table crawl_runs add column lease_until timestamptz;
alter table crawl_runs add column lease_token uuid;
alter table crawl_runs add column takeovers int not null default 0;
alter table crawl_runs add column start_reached boolean not null default false;
-- runs running at the upgrade: their lease ends with their last heartbeat (no frontier saved: they start over)
update crawl_runs set lease_until = heartbeat_at where status = 'running';
create index crawl_runs_lease on crawl_runs (lease_until) where status = 'running';

-- The saved frontier of a running run: every URL it has admitted (depth >= 0; redirect targets claimed while
-- fetching another URL have depth -1) and whether it is done. Saved together with the run's counters in one
-- transaction, so counters and frontier always match; deleted when the run ends.
create table crawl_run_frontier (
    run_id    uuid not null references crawl_runs (id) on delete cascade,
    tenant_id uuid not null,
    url       text not null,
    depth     int not null,
    done      boolean not null default false,
    primary key (run_id, url)
);
