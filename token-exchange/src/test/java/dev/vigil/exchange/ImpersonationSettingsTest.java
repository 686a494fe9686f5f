package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpersonationSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ImpersonationSettings d = ImpersonationSettings.fromOptions(Map.of());
        assertThat(d).isEqualTo(ImpersonationSettings.DEFAULTS);
        assertThat(d.lifetimeSeconds()).isEqualTo(900);
        assertThat(d.maxLifetimeSeconds()).isEqualTo(3600);
        assertThat(d.impersonatorRole()).isEqualTo("vigil-impersonator");
        assertThat(d.protectedRole()).isEqualTo("vigil-protected");
        assertThat(d.reasonRequired()).isTrue();
    }

    @Test
    void theLifetimeIsCappedAndBadValuesAreRefusedByName() {
        assertThat(ImpersonationSettings.fromOptions(Map.of("lifetime-seconds", "300", "max-lifetime-seconds", "600"))
                .lifetimeSeconds()).isEqualTo(300);
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("max-lifetime-seconds", "7200")))
                .hasMessageContaining("max-lifetime-seconds must be from 60 to 3600");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("lifetime-seconds", "1200", "max-lifetime-seconds", "600")))
                .hasMessageContaining("lifetime-seconds");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("reason-min-length", "50", "reason-max-length", "10")))
                .hasMessageContaining("reason-max-length");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("max-active-per-actor", "0")))
                .hasMessageContaining("max-active-per-actor");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("notify-target", "maybe")))
                .hasMessageContaining("notify-target");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("lifetime-seconds", "soon")))
                .hasMessage("lifetime-seconds must be a whole number from 60 to 3600, not 'soon'");
    }

    @Test
    void furtherAudiencesAndScopesAreListsWithoutAdminClients() {
        ImpersonationSettings s = ImpersonationSettings.fromOptions(Map.of("allowed-audiences", "account, billing-api",
                "allowed-scopes", "phone"));
        assertThat(s.allowedAudiences()).containsExactly("account", "billing-api");
        assertThat(s.allowedScopes()).containsExactly("phone");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("allowed-audiences", "realm-management")))
                .hasMessageContaining("admin client");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("allowed-audiences", "master-realm")))
                .hasMessageContaining("admin client");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("allowed-scopes", "offline_access")))
                .hasMessageContaining("offline_access");
        assertThatThrownBy(() -> ImpersonationSettings.fromOptions(Map.of("allowed-scopes", "a;b")))
                .hasMessageContaining("allowed-scopes");
    }

    @Test
    void theExecutorValidatesOnSave() {
        ImpersonationExecutorConfig config = new ImpersonationExecutorConfig();
        config.setConfigAsMap("lifetime-seconds", "600");
        assertThat(config.validateConfig()).isTrue();
        config.setConfigAsMap("lifetime-seconds", "99999");
        assertThat(config.validateConfig()).isFalse();
        config.setConfigAsMap("lifetime-seconds", "600");
        config.setConfigAsMap("allowed-audiences", java.util.List.of("account", "billing-api"));
        assertThat(config.toSettings().allowedAudiences()).containsExactly("account", "billing-api");
        config.setConfigAsMap("allowed-audiences", java.util.List.of("realm-management"));
        assertThat(config.validateConfig()).isFalse();
    }

    @Test
    void anUnknownKeyIsRefusedOnSaveSoAMisspeltOptionNeverFallsBackToItsDefault() {
        ImpersonationExecutorConfig config = new ImpersonationExecutorConfig();
        config.setConfigAsMap("lifetime_seconds", "7200");
        assertThat(config.validateConfig()).isFalse();
        assertThatThrownBy(config::toSettings).hasMessageStartingWith("unknown option lifetime_seconds (allowed: "
                + "actor-groups-only, allowed-audiences, allowed-scopes, impersonator-role, lifetime-seconds, ");
    }
}
