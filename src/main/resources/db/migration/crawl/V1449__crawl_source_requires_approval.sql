-- A website source whose crawl changes (new, changed and removed pages) wait for a reviewer before they serve.
-- (Numbered from the end of the range given to this work, V1400-V1449: it must run after V400 creates the table.)
alter table crawl_sources add column requires_approval boolean not null default false;
