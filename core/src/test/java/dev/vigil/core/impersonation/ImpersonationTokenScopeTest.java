package dev.vigil.core.impersonation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;

class ImpersonationTokenScopeTest {

    private static AccessToken fullScopeToken() {
        AccessToken token = new AccessToken();
        token.issuedFor("support-console");
        token.audience("account", "realm-management", "billing");
        token.addAccess("account").addRole("manage-account").addRole("manage-account-links").addRole("view-profile")
                .addRole("manage-consent").addRole("view-consent").addRole("delete-account");
        token.addAccess("realm-management").addRole("view-users");
        token.addAccess("billing").addRole("reader");
        token.addAccess("support-console").addRole("agent");
        return token;
    }

    @Test
    void byDefaultOnlyTheRequestingClientRemains() {
        AccessToken token = ImpersonationTokenScope.restrict(fullScopeToken(), Set.of("support-console"));
        assertThat(token.getAudience()).containsExactly("support-console");
        assertThat(token.getResourceAccess()).containsOnlyKeys("support-console");
    }

    @Test
    void anAllowedAccountAudienceIsReadOnly() {
        AccessToken token = ImpersonationTokenScope.restrict(fullScopeToken(), Set.of("support-console", "account"));
        assertThat(token.getAudience()).containsExactly("support-console", "account");
        assertThat(token.getResourceAccess("account").getRoles()).containsExactlyInAnyOrder("view-profile", "view-consent");
    }

    @Test
    void adminClientsNeverSurviveEvenWhenListed() {
        AccessToken token = ImpersonationTokenScope.restrict(fullScopeToken(),
                Set.of("support-console", "realm-management", "master-realm"));
        assertThat(token.getAudience()).containsExactly("support-console");
        assertThat(token.getResourceAccess()).doesNotContainKey("realm-management");
    }

    @Test
    void theNoteRoundTripsAndAMissingNoteAllowsNothing() {
        assertThat(ImpersonationTokenScope.fromNote(ImpersonationTokenScope.note(Set.of("a")))).containsExactly("a");
        assertThat(ImpersonationTokenScope.fromNote(null)).isEmpty();
        assertThat(ImpersonationTokenScope.fromNote("  a   b ")).containsExactly("a", "b");
        AccessToken token = ImpersonationTokenScope.restrict(fullScopeToken(), ImpersonationTokenScope.fromNote(null));
        assertThat(token.getAudience()).isEmpty();
        assertThat(token.getResourceAccess()).isEmpty();
    }
}
