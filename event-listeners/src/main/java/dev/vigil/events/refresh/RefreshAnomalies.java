package dev.vigil.events.refresh;

import dev.vigil.core.ratelimit.FixedWindowRateLimiter;
import dev.vigil.core.ratelimit.SlotStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Signals short of proof, in the spirit of "watch refresh patterns for anomalies": a family that
 * refreshes more often than the policy allows per minute (reported once per minute, not per
 * refresh), or whose user agent changes between refreshes.
 */
final class RefreshAnomalies {

    /** The family's last user agent. */
    interface AgentMemory {
        String lastAgent(String realmId, String family);

        void rememberAgent(String realmId, String family, String userAgent, long lifespanSeconds);
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final SlotStore slots;
    private final AgentMemory agents;
    private final Clock clock;

    RefreshAnomalies(SlotStore slots, AgentMemory agents, Clock clock) {
        this.slots = slots;
        this.agents = agents;
        this.clock = clock;
    }

    /** The signals a successful refresh raises under {@code policy}. */
    List<Detection.Source> check(RefreshEvent refresh, RefreshPolicy policy, String userAgent, long lifespanSeconds) {
        List<Detection.Source> signals = new ArrayList<>();
        String family = refresh.realmId() + ":" + refresh.family();
        if (policy.maxRefreshesPerMinute() > 0
                && !new FixedWindowRateLimiter(slots, clock).tryAcquire("vigil-refresh-rate:" + family,
                        policy.maxRefreshesPerMinute(), MINUTE)
                && slots.claim("vigil-refresh-rate-reported:" + family, MINUTE.getSeconds())) {
            signals.add(Detection.Source.REFRESH_RATE);
        }
        if (policy.userAgentChange() && userAgent != null && !userAgent.isBlank()) {
            String agent = FamilyMemory.truncate(userAgent);
            String last = agents.lastAgent(refresh.realmId(), refresh.family());
            if (!agent.equals(last)) {
                if (last != null) {
                    signals.add(Detection.Source.USER_AGENT_CHANGE);
                }
                agents.rememberAgent(refresh.realmId(), refresh.family(), agent, lifespanSeconds);
            }
        }
        return signals;
    }
}
