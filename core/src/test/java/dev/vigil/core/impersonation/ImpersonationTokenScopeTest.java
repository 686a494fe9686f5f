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
    void onlyATokenWhoseActNamesAClientIsOneOfVigilsExchange() {
        AccessToken vigil = fullScopeToken();
        vigil.audience("support-console", "billing");
        vigil.getOtherClaims().put("act", java.util.Map.of("sub", "agent-id", "client_id", "support-console"));
        assertThat(ImpersonationTokenScope.issuedAudiences(vigil)).containsExactly("support-console", "billing");

        AccessToken adminConsole = fullScopeToken();
        adminConsole.getOtherClaims().put("act", java.util.Map.of("sub", "admin-id", "preferred_username", "admin"));
        assertThat(ImpersonationTokenScope.issuedAudiences(adminConsole)).as("Keycloak's admin-console impersonation").isNull();
        assertThat(ImpersonationTokenScope.issuedAudiences(fullScopeToken())).as("no act").isNull();
        AccessToken odd = fullScopeToken();
        odd.getOtherClaims().put("act", "client_id");
        assertThat(ImpersonationTokenScope.issuedAudiences(odd)).as("act that is no object").isNull();
        AccessToken blank = fullScopeToken();
        blank.getOtherClaims().put("act", java.util.Map.of("sub", "x", "client_id", " "));
        assertThat(ImpersonationTokenScope.issuedAudiences(blank)).isNull();
    }

    @Test
    void aVigilTokenWithoutAudienceAllowsNothing() {
        AccessToken token = fullScopeToken();
        token.audience(new String[0]);
        token.getOtherClaims().put("act", java.util.Map.of("sub", "agent-id", "client_id", "support-console"));
        AccessToken cut = ImpersonationTokenScope.restrict(fullScopeToken(), ImpersonationTokenScope.issuedAudiences(token));
        assertThat(cut.getAudience()).isEmpty();
        assertThat(cut.getResourceAccess()).isEmpty();
    }
}
