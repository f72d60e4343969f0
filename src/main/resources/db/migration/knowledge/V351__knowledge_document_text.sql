-- The normalised text of each indexed document as a whole: chunks overlap, so the text a page served cannot be
-- rebuilt from them, and a crawl change under review shows the served text next to the new one.
alter table knowledge_documents add column full_text text;
