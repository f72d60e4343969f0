package de.wattos.chat.internal;

/** An earlier message of the conversation as the prompt sees it. */
record Turn(boolean fromUser, String content) {
}
