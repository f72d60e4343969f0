package de.wattos.analytics.internal;

import java.util.Optional;

/** Agent and knowledge-base activity analytics counts, each from one event topic of the bus. */
enum ActivityKind {
    AGENT_RUN("intent.recognised"),
    APPROVAL_REQUESTED("tool.approval.requested"),
    APPROVAL_GRANTED("tool.approval.granted"),
    APPROVAL_DENIED("tool.approval.denied"),
    HANDOFF_REQUESTED("channel.handoff.requested"),
    HANDOFF_ACCEPTED("channel.handoff.accepted"),
    HANDOFF_ENDED("channel.handoff.ended"),
    KB_SYNC_DELIVERED("knowledge.kb.sync.delivered"),
    KB_SYNC_FAILED("knowledge.kb.sync.failed");

    /** The topic patterns of every kind, for the listener's condition. */
    static final String CONDITION = "#event.matches('intent.recognised', 'tool.approval.*', 'channel.handoff.*', 'knowledge.kb.sync.*')";

    private final String topic;

    ActivityKind(String topic) {
        this.topic = topic;
    }

    static Optional<ActivityKind> of(String topic) {
        for (ActivityKind k : values()) {
            if (k.topic.equals(topic)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
