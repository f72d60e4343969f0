-- SHA-256 of the extracted text before per-source boilerplate removal: print/iframe variants of a page are
-- recognised as duplicates even when the boilerplate learned in between makes their cleaned texts differ.
alter table knowledge_documents add column raw_hash text;
create index knowledge_documents_raw_hash on knowledge_documents (space_id, raw_hash) where status = 'indexed';
