-- answers still streaming are few at any time; the orphaned-answer sweep (every minute, every node) finds them here
create index chat_messages_streaming_idx on chat_messages (created_at) where status = 'streaming';
