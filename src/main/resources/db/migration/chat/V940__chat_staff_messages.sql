-- A person who took a conversation over (agent module's handoff) writes into it as 'staff'; 'author' names who
-- wrote an assistant or staff message (an agent's or a person's display name) so the citizen sees who answers.
alter table chat_messages drop constraint if exists chat_messages_role_check;
alter table chat_messages add constraint chat_messages_role_check check (role in ('user', 'assistant', 'staff'));
alter table chat_messages add column author text;
