-- The language (de, en) of a run's own texts as its requester asked (Accept-Language of a bare API run); later texts
-- of the run (approval denied or expired) follow it. Runs of chat conversations follow the conversation instead.
alter table agent_runs add column language text;
