package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exchange.ImpersonationPolicy.Actor;
import dev.vigil.exchange.ImpersonationPolicy.Denial;
import dev.vigil.exchange.ImpersonationPolicy.Target;
import org.junit.jupiter.api.Test;

class ImpersonationPolicyTest {

    private static final ImpersonationSettings SETTINGS = ImpersonationSettings.DEFAULTS;
    private static final Actor AGENT = new Actor("agent", true, false);
    private static final Target CUSTOMER = new Target("customer", false, true, false, false, false, false, true);

    private static Denial decide(Actor actor, Target target) {
        return ImpersonationPolicy.decide(actor, target, SETTINGS, 0);
    }

    @Test
    void anImpersonatorMayActAsAnOrdinaryUser() {
        assertThat(decide(AGENT, CUSTOMER)).isNull();
    }

    @Test
    void everyRefusalHasItsReason() {
        assertThat(decide(new Actor("agent", false, false), CUSTOMER)).isEqualTo(Denial.NOT_AN_IMPERSONATOR);
        assertThat(decide(new Actor("agent", true, true), CUSTOMER)).isEqualTo(Denial.CHAINED);
        assertThat(decide(AGENT, null)).isEqualTo(Denial.UNKNOWN_TARGET);
        assertThat(decide(AGENT, new Target("agent", false, true, false, true, false, false, true))).isEqualTo(Denial.SELF);
        assertThat(decide(AGENT, new Target("c", false, false, false, false, false, false, true))).isEqualTo(Denial.TARGET_DISABLED);
        assertThat(decide(AGENT, new Target("c", false, true, true, false, false, false, true))).isEqualTo(Denial.TARGET_SERVICE_ACCOUNT);
        assertThat(decide(AGENT, new Target("c", false, true, false, true, false, false, true))).isEqualTo(Denial.TARGET_IMPERSONATOR);
        assertThat(decide(AGENT, new Target("c", false, true, false, false, true, false, true))).isEqualTo(Denial.TARGET_PROTECTED);
        assertThat(decide(AGENT, new Target("c", false, true, false, false, false, true, true))).isEqualTo(Denial.TARGET_ADMINISTRATOR);
        assertThat(decide(AGENT, new Target("c", true, true, false, false, false, false, true)))
                .as("a username that is also another user's id").isEqualTo(Denial.AMBIGUOUS_SUBJECT);
        assertThat(ImpersonationPolicy.decide(AGENT, CUSTOMER, SETTINGS, SETTINGS.maxActivePerActor()))
                .isEqualTo(Denial.TOO_MANY_ACTIVE);
        assertThat(ImpersonationPolicy.decide(AGENT, CUSTOMER, SETTINGS, SETTINGS.maxActivePerActor() - 1)).isNull();
    }

    @Test
    void whoMayNotImpersonateLearnsNothingAboutTheTarget() {
        Actor outsider = new Actor("x", false, false);
        assertThat(decide(outsider, null)).isEqualTo(decide(outsider, CUSTOMER)).isEqualTo(Denial.NOT_AN_IMPERSONATOR);
    }

    @Test
    void groupRestrictionIsOptional() {
        Target stranger = new Target("c", false, true, false, false, false, false, false);
        assertThat(decide(AGENT, stranger)).isNull();
        ImpersonationSettings groupsOnly = ImpersonationSettings.fromOptions(java.util.Map.of("actor-groups-only", "true"));
        assertThat(ImpersonationPolicy.decide(AGENT, stranger, groupsOnly, 0)).isEqualTo(Denial.TARGET_OUTSIDE_ACTOR_GROUPS);
        assertThat(ImpersonationPolicy.decide(AGENT, CUSTOMER, groupsOnly, 0)).isNull();
    }
}
