package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Administrators are never impersonated, decided as Keycloak decides who administers: in a normal
 * realm the roles of {@code realm-management} held directly, through a composite realm role or through
 * a parent group, or by a fine-grained admin permission; in master also the roles of the {@code <realm>-realm} clients (delegated admins),
 * {@code create-realm} and {@code admin}. Every refusal has the body of an unknown user's.
 */
@WithKeycloak
class ImpersonationAdminTargetIT {

    private static final String REALM = "impersonation-admins-it";
    private static final String MASTER = "master";
    private static final String SECRET = "Admins-Console-Secret-1q9z3";
    private static final String MASTER_CONSOLE = "vigil-it-support";
    private static final String MASTER_UI = "vigil-it-support-ui";
    private static final String MASTER_SECRET = "Master-Support-Secret-4t7y2";
    private static final List<String> MASTER_USERS = List.of("vigil-it-agent", "vigil-it-plain", "vigil-it-delegated",
            "vigil-it-creator", "vigil-it-root");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestKeycloak keycloak;
    private static ClientProfilesRepresentation masterProfiles;
    private static ClientPoliciesRepresentation masterPolicies;

    @BeforeAll
    static void setUp(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/impersonation-admins-it.json");
        grantViewAllUsersByFineGrainedPermission("fgap-viewer");
        setUpMaster(keycloak.admin().realm(MASTER));
    }

    /**
     * Fine-grained admin permissions (v2, Keycloak's default): a user policy naming the user and a
     * permission "view" on all users, made through the realm's admin-permissions client.
     */
    private static void grantViewAllUsersByFineGrainedPermission(String username) {
        RealmResource realm = keycloak.admin().realm(REALM);
        String userId = realm.users().searchByUsername(username, true).get(0).getId();
        String clientId = realm.clients().findByClientId("admin-permissions").get(0).getId();
        String base = keycloak.baseUrl() + "/admin/realms/" + REALM + "/clients/" + clientId + "/authz/resource-server";
        post(base + "/policy/user", "{\"name\":\"only " + username + "\",\"users\":[\"" + userId + "\"]}");
        post(base + "/permission/scope", "{\"name\":\"" + username + " views all users\",\"resourceType\":\"Users\","
                + "\"scopes\":[\"view\"],\"policies\":[\"only " + username + "\"]}");
    }

    private static void post(String url, String json) {
        try {
            HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url)).header("Authorization", "Bearer " + keycloak.admin().tokenManager()
                            .getAccessTokenString()).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(201);
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A support tool, an impersonator and targets in master, removed again after the class. */
    private static void setUpMaster(RealmResource master) {
        if (master.roles().list().stream().noneMatch(r -> "vigil-impersonator".equals(r.getName()))) {
            master.roles().create(new RoleRepresentation("vigil-impersonator", null, false));
        }
        ClientRepresentation console = new ClientRepresentation();
        console.setClientId(MASTER_CONSOLE);
        console.setPublicClient(false);
        console.setSecret(MASTER_SECRET);
        console.setStandardFlowEnabled(false);
        console.setAttributes(Map.of("standard.token.exchange.enabled", "true"));
        master.clients().create(console).close();
        String consoleId = master.clients().findByClientId(MASTER_CONSOLE).get(0).getId();
        master.clients().get(consoleId).roles().create(new RoleRepresentation("vigil-impersonation-enabled", null, false));
        ClientRepresentation ui = new ClientRepresentation();
        ui.setClientId(MASTER_UI);
        ui.setPublicClient(true);
        ui.setRedirectUris(List.of(OidcClient.REDIRECT.toString()));
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("console-audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", MASTER_CONSOLE, "access.token.claim", "true"));
        ui.setProtocolMappers(List.of(audience));
        master.clients().create(ui).close();

        masterProfiles = master.clientPoliciesProfilesResource().getProfiles(false);
        masterPolicies = master.clientPoliciesPoliciesResource().getPolicies();
        ClientProfilesRepresentation profiles = master.clientPoliciesProfilesResource().getProfiles(false);
        ClientProfileRepresentation profile = new ClientProfileRepresentation();
        profile.setName("vigil-it-impersonation");
        ClientPolicyExecutorRepresentation executor = new ClientPolicyExecutorRepresentation();
        executor.setExecutorProviderId("vigil-impersonation");
        executor.setConfiguration(JSON.createObjectNode().put("max-active-per-actor", "20"));
        profile.setExecutors(List.of(executor));
        List<ClientProfileRepresentation> allProfiles = new ArrayList<>(profiles.getProfiles() == null ? List.of() : profiles.getProfiles());
        allProfiles.add(profile);
        profiles.setProfiles(allProfiles);
        master.clientPoliciesProfilesResource().updateProfiles(profiles);
        ClientPoliciesRepresentation policies = master.clientPoliciesPoliciesResource().getPolicies();
        ClientPolicyRepresentation policy = new ClientPolicyRepresentation();
        policy.setName("vigil-it-impersonation");
        policy.setEnabled(true);
        ClientPolicyConditionRepresentation condition = new ClientPolicyConditionRepresentation();
        condition.setConditionProviderId("client-roles");
        condition.setConfiguration(JSON.createObjectNode().set("roles", JSON.createArrayNode().add("vigil-impersonation-enabled")));
        policy.setConditions(List.of(condition));
        policy.setProfiles(List.of("vigil-it-impersonation"));
        List<ClientPolicyRepresentation> allPolicies = new ArrayList<>(policies.getPolicies() == null ? List.of() : policies.getPolicies());
        allPolicies.add(policy);
        policies.setPolicies(allPolicies);
        master.clientPoliciesPoliciesResource().updatePolicies(policies);

        for (String username : MASTER_USERS) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(username);
            user.setEnabled(true);
            user.setEmail(username + "@example.com");
            user.setEmailVerified(true);
            user.setFirstName("Vigil");
            user.setLastName("Test");
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(username + "-Password-1");
            password.setTemporary(false);
            user.setCredentials(List.of(password));
            master.users().create(user).close();
        }
        grantRealmRole(master, "vigil-it-agent", "vigil-impersonator");
        grantRealmRole(master, "vigil-it-creator", "create-realm");
        grantRealmRole(master, "vigil-it-root", "admin");
        // A delegated admin of the normal realm: a role of its client in master, nothing else.
        var realmClient = master.clients().findByClientId(REALM + "-realm").get(0);
        var delegated = master.users().get(master.users().searchByUsername("vigil-it-delegated", true).get(0).getId());
        delegated.roles().clientLevel(realmClient.getId()).add(List.of(master.clients().get(realmClient.getId()).roles()
                .get("manage-users").toRepresentation()));
    }

    private static void grantRealmRole(RealmResource realm, String username, String role) {
        realm.users().get(realm.users().searchByUsername(username, true).get(0).getId()).roles().realmLevel()
                .add(List.of(realm.roles().get(role).toRepresentation()));
    }

    @AfterAll
    static void tearDownMaster() {
        RealmResource master = keycloak.admin().realm(MASTER);
        master.clientPoliciesPoliciesResource().updatePolicies(masterPolicies);
        master.clientPoliciesProfilesResource().updateProfiles(masterProfiles);
        for (String username : MASTER_USERS) {
            master.users().searchByUsername(username, true).forEach(u -> master.users().delete(u.getId()).close());
        }
        for (String clientId : List.of(MASTER_CONSOLE, MASTER_UI)) {
            master.clients().findByClientId(clientId).forEach(c -> master.clients().get(c.getId()).remove());
        }
        master.roles().deleteRole("vigil-impersonator");
    }

    private static HttpResponse<String> impersonate(String realm, String ui, String console, String secret, String agent,
                                                    String target) throws Exception {
        String agentToken = new OidcClient(keycloak.realmUrl(realm), ui).login(new FormLogin(), agent, agent + "-Password-1")
                .getAccessToken().getValue();
        return ImpersonationScopeIT.tokenRequest(keycloak.realmUrl(realm), console, secret, ImpersonationScopeIT.form(Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", agentToken,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "requested_subject", target, "reason", "TICKET-13 admin check")));
    }

    private static void assertRefusedLikeAnUnknownUser(String realm, String ui, String console, String secret, String agent,
                                                       List<String> admins, String control) throws Exception {
        HttpResponse<String> unknown = impersonate(realm, ui, console, secret, agent, "nobody-at-all");
        assertThat(unknown.statusCode()).isEqualTo(403);
        for (String admin : admins) {
            HttpResponse<String> response = impersonate(realm, ui, console, secret, agent, admin);
            assertThat(response.statusCode()).as("%s in %s: %s", admin, realm, response.body()).isEqualTo(403);
            assertThat(response.body()).as("the same body as an unknown user for %s", admin).isEqualTo(unknown.body());
            keycloak.log().awaitAudit("refused " + admin, r -> "IMPERSONATION".equals(r.path("type").asText())
                    && realm.equals(r.path("realm").asText()) && admin.equals(r.path("details").path("requested_subject").asText())
                    && "target-administrator".equals(r.path("details").path("denial").asText()));
        }
        HttpResponse<String> plain = impersonate(realm, ui, console, secret, agent, control);
        assertThat(plain.statusCode()).as("a user without admin roles: %s", plain.body()).isEqualTo(200);
    }

    /** The realm has fine-grained admin permissions on; fgap-viewer holds no admin role, only a permission. */
    @Test
    void adminsOfANormalRealmDirectlyByCompositeByGroupAndByPermission() throws Exception {
        assertRefusedLikeAnUnknownUser(REALM, "support-ui", "support-console", SECRET, "agent",
                List.of("user-manager", "realm-admin", "lead", "night-operator", "fgap-viewer"), "plain");
    }

    @Test
    void adminsInMasterIncludingDelegatedAdminsOfOtherRealms() throws Exception {
        assertRefusedLikeAnUnknownUser(MASTER, MASTER_UI, MASTER_CONSOLE, MASTER_SECRET, "vigil-it-agent",
                List.of("vigil-it-delegated", "vigil-it-creator", "vigil-it-root"), "vigil-it-plain");
    }
}
