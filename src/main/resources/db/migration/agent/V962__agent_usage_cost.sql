-- Cost caps in EUR: each booked model call keeps the model that answered, its input and output tokens and what they
-- cost at the llm module's configured prices when booked (0 for a model without a price). A policy's
-- maxCostEurPerConversation is summed from cost_eur (per agent and conversation; a run without a conversation: per run).
alter table agent_token_usage
    add column model         text,
    add column input_tokens  integer,
    add column output_tokens integer,
    add column cost_eur      numeric(18, 6) not null default 0;
create index agent_token_usage_run on agent_token_usage (tenant_id, run_id);
