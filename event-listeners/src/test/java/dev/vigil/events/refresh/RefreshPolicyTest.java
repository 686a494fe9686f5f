package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {

    @Test
    void missingOptionsTakeTheDocumentedDefaults() {
        RefreshPolicy policy = RefreshPolicy.fromOptions(Map.of());
        assertThat(policy).isEqualTo(RefreshPolicy.NONE);
        assertThat(policy.responseOr(RevocationScope.SESSION)).isEqualTo(RevocationScope.SESSION);
        assertThat(policy.watchesAnomalies()).isFalse();
    }

    @Test
    void anUnknownKeyIsRefusedOnSaveNamingItAndTheAllowedKeys() throws Exception {
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("graceSeconds", "5")))
                .hasMessage("unknown option graceSeconds (allowed: anomaly-action, grace-seconds, max-refreshes-per-minute, "
                        + "notify-user, response, rotation-enforced, step-up-next-login, user-agent-change)");
        RefreshPolicyExecutorConfig config = org.keycloak.util.JsonSerialization.readValue(
                "{\"grace_seconds\": \"5\"}", RefreshPolicyExecutorConfig.class);
        assertThat(config.validateConfig()).as("refused on save").isFalse();
        assertThat(org.keycloak.util.JsonSerialization.readValue("{\"grace-seconds\": \"5\", \"notify-user\": true}",
                RefreshPolicyExecutorConfig.class).toPolicy().graceSeconds()).isEqualTo(5);
    }

    @Test
    void everyOptionIsRead() {
        RefreshPolicy policy = RefreshPolicy.fromOptions(Map.of("response", "user", "grace-seconds", " 5 ",
                "rotation-enforced", "true", "notify-user", "TRUE", "step-up-next-login", "true",
                "max-refreshes-per-minute", "30", "user-agent-change", "true", "anomaly-action", "revoke"));
        assertThat(policy).isEqualTo(new RefreshPolicy(RevocationScope.USER, 5, true, true, true, 30, true, AnomalyAction.REVOKE));
        assertThat(policy.responseOr(RevocationScope.SESSION)).isEqualTo(RevocationScope.USER);
    }

    @Test
    void serverDefaultDefersToTheServerOption() {
        assertThat(RefreshPolicy.fromOptions(Map.of("response", "server-default")).responseOr(RevocationScope.FAMILY))
                .isEqualTo(RevocationScope.FAMILY);
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("grace-seconds", "61")))
                .hasMessage("grace-seconds must be from 0 to 60, not 61");
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("grace-seconds", "-1")))
                .hasMessageContaining("grace-seconds");
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("grace-seconds", "five")))
                .hasMessage("grace-seconds must be a whole number from 0 to 60, not 'five'");
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("max-refreshes-per-minute", "10001")))
                .hasMessageContaining("max-refreshes-per-minute");
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("notify-user", "yes")))
                .hasMessage("notify-user must be true or false, not 'yes'");
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("anomaly-action", "panic")))
                .hasMessageContaining("anomaly-action");
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("response", "everything")))
                .hasMessageContaining("response");
    }

    @Test
    void theEventDetailCarriesThePolicyBothWays() {
        RefreshPolicy policy = new RefreshPolicy(RevocationScope.FAMILY, 10, true, false, true, 0, true, AnomalyAction.STEP_UP);
        String detail = policy.toEventDetail();
        assertThat(detail).isEqualTo("response=family;grace-seconds=10;rotation-enforced=true;step-up-next-login=true;"
                + "user-agent-change=true;anomaly-action=step-up");
        assertThat(RefreshPolicy.fromEventDetail(detail)).isEqualTo(policy);
        assertThat(RefreshPolicy.fromEventDetail(RefreshPolicy.NONE.toEventDetail())).isEqualTo(RefreshPolicy.NONE);
    }

    @Test
    void anUnreadableEventDetailMeansNoPolicy() {
        assertThat(RefreshPolicy.fromEventDetail(null)).isEqualTo(RefreshPolicy.NONE);
        assertThat(RefreshPolicy.fromEventDetail("grace-seconds=999")).isEqualTo(RefreshPolicy.NONE);
        assertThat(RefreshPolicy.fromEventDetail("garbage")).isEqualTo(RefreshPolicy.NONE);
    }

    @Test
    void theExecutorConfigurationIsValidatedOnSave() {
        RefreshPolicyExecutorConfig config = new RefreshPolicyExecutorConfig();
        config.setConfigAsMap("grace-seconds", 5);
        config.setConfigAsMap("notify-user", true);
        assertThat(config.validateConfig()).isTrue();
        assertThat(config.toPolicy().graceSeconds()).isEqualTo(5);
        assertThat(config.toPolicy().notifyUser()).isTrue();
        config.setConfigAsMap("grace-seconds", "600");
        assertThat(config.validateConfig()).isFalse();
    }

    @Test
    void reuseIsAnsweredByThePolicyAndAnomaliesByTheirAction() {
        RefreshPolicy logOnly = new RefreshPolicy(null, 0, false, true, true, 10, false, AnomalyAction.LOG);
        assertThat(ResponsePlan.of(Detection.Source.LEDGER, logOnly, RevocationScope.SESSION))
                .isEqualTo(new ResponsePlan(RevocationScope.SESSION, true, true));
        assertThat(ResponsePlan.of(Detection.Source.REFRESH_RATE, logOnly, RevocationScope.SESSION))
                .isEqualTo(new ResponsePlan(null, false, false));
        assertThat(ResponsePlan.of(Detection.Source.REFRESH_RATE, logOnly, RevocationScope.SESSION).action()).isEqualTo("log");

        RefreshPolicy stepUp = new RefreshPolicy(RevocationScope.USER, 0, false, false, false, 10, false, AnomalyAction.STEP_UP);
        ResponsePlan plan = ResponsePlan.of(Detection.Source.USER_AGENT_CHANGE, stepUp, RevocationScope.SESSION);
        assertThat(plan).isEqualTo(new ResponsePlan(null, true, false));
        assertThat(plan.action()).isEqualTo("step-up");

        RefreshPolicy revoke = new RefreshPolicy(RevocationScope.FAMILY, 0, false, false, false, 10, false, AnomalyAction.REVOKE);
        assertThat(ResponsePlan.of(Detection.Source.REFRESH_RATE, revoke, RevocationScope.SESSION).action()).isEqualTo("family");
    }
}
