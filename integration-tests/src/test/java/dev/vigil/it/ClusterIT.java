package dev.vigil.it;

import static dev.vigil.testing.ServerLog.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.it.support.FormLogin;
import dev.vigil.it.support.OidcClient;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakCluster;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.RealmFixtures;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Keycloak nodes with the Vigil jar on one private PostgreSQL form one Infinispan cluster:
 * the proof the capability issues build on when they claim their state is cluster-wide.
 */
class ClusterIT {

    private static final String REALM = "audit-it";
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^]]*] \\((\\d+)\\)");
    private static KeycloakCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KeycloakCluster.start(2, HarnessPaths.workDir(), HarnessPaths.distribution(), HarnessPaths.vigilJar());
        RealmFixtures.importFresh(cluster.node(1).admin(), RealmFixtures.read(
                RealmFixtures.classpath("realms/audit-it.json"), Map.of()));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bothNodesSeeATwoMemberView() {
        for (KeycloakServer node : cluster.nodes()) {
            int members = Deadline.await(node.name() + " to see 2 members", Duration.ofSeconds(60), () -> {
                Matcher m = VIEW.matcher(node.log().text());
                int last = 0;
                while (m.find()) {
                    last = Integer.parseInt(m.group(1));
                }
                return last == 2 ? last : null;
            });
            assertThat(members).isEqualTo(2);
        }
    }

    @Test
    void aRefreshTokenFromNodeOneIsRefreshedOnNodeTwo() throws Exception {
        KeycloakServer one = cluster.node(1);
        KeycloakServer two = cluster.node(2);
        Tokens tokens = new OidcClient(one.realmUrl(REALM), "test-app").login(new FormLogin(), "alice", "alice-Password-1");

        TokenResponse refreshed = new OidcClient(two.realmUrl(REALM), "test-app").refresh(tokens.getRefreshToken());

        assertThat(refreshed.indicatesSuccess()).as("node 2 refreshes node 1's token").isTrue();
        SignedJWT access = SignedJWT.parse(refreshed.toSuccessResponse().getTokens().getAccessToken().getValue());
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(
                cluster.node(1).admin().realm(REALM).users().searchByUsername("alice", true).get(0).getId());
        assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(one.baseUrl() + "/realms/" + REALM);
        // Node 2 wrote the audit record of the refresh it served.
        assertThat(two.log().awaitAudit("REFRESH_TOKEN on node 2", type(REALM, "REFRESH_TOKEN"))
                .path("username").asText()).isEqualTo("alice");
    }
}
