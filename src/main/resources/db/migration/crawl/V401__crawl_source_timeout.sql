-- per-source request timeout (seconds); null = wattos.crawl.read-timeout
alter table crawl_sources add column timeout_seconds int;
