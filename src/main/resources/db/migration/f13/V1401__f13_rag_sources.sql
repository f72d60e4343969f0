-- the F13 retrieval sources (as listed by F13's /rag/sources) a tenant searches; empty = all of them
alter table f13_settings add column rag_sources text[] not null default '{}';
