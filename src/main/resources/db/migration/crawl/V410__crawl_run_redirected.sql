-- URLs that redirect to an address crawled under its own URL: counted so that
-- discovered = fetched + redirected + skipped + failed once a run has finished.
alter table crawl_runs add column redirected int not null default 0;
