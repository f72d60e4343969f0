package de.wattos.agent.internal.run;

import de.wattos.platform.NodeRoles;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires overdue approvals on every worker node (several may run it: the first decision wins). */
@Component
class ApprovalExpirySweep {

    private final ApprovalDecisions decisions;
    private final NodeRoles roles;

    ApprovalExpirySweep(ApprovalDecisions decisions, NodeRoles roles) {
        this.decisions = decisions;
        this.roles = roles;
    }

    @Scheduled(fixedDelayString = "${wattos.agent.approval-sweep:PT1M}", initialDelayString = "PT30S")
    void sweep() {
        if (roles.runsBackgroundWork()) {
            decisions.expireOverdue();
        }
    }
}
