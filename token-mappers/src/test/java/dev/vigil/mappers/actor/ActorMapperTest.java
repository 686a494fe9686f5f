package dev.vigil.mappers.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

class ActorMapperTest {

    /** A stand-in for a Keycloak interface that answers only {@code answers} (by method name); anything else fails. */
    private static <T> T stub(Class<T> type, Map<String, java.util.function.Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            java.util.function.Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return answer.apply(args);
        }));
    }

    private static UserSessionModel session(Map<String, String> notes) {
        return stub(UserSessionModel.class, Map.of("getNotes", args -> notes, "getNote", args -> notes.get((String) args[0])));
    }

    /** A Keycloak session of a client that does not use lightweight access tokens. */
    private static final KeycloakSession KEYCLOAK = stub(KeycloakSession.class, Map.of(
            "getAttribute", args -> null,
            "getContext", args -> stub(KeycloakContext.class, Map.of(
                    "getClient", none -> stub(ClientModel.class, Map.of("getAttribute", name -> null))))));

    private static ProtocolMapperModel model(String... switchesOn) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setProtocolMapper(ActorMapper.PROVIDER_ID);
        model.setConfig(new java.util.HashMap<>());
        for (String key : switchesOn) {
            model.getConfig().put(key, "true");
        }
        return model;
    }

    @Test
    void theUsualSwitchesAllOnByDefaultAndNoClaimName() {
        Map<String, Object> defaults = new ActorMapper().getConfigProperties().stream()
                .collect(Collectors.toMap(ProviderConfigProperty::getName, ProviderConfigProperty::getDefaultValue));
        assertThat(defaults).containsEntry(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true")
                .containsEntry(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "true")
                .containsEntry(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true")
                .containsEntry(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true")
                .doesNotContainKey(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME);
        assertThat(new ActorMapper().getId()).isEqualTo("oidc-vigil-actor");
        assertThat(new ActorMapper().getProtocol()).isEqualTo("openid-connect");
    }

    @Test
    void anImpersonationSessionGetsActInEveryTokenSwitchedOn() {
        ActorMapper mapper = new ActorMapper();
        UserSessionModel session = session(Map.of("IMPERSONATOR_ID", "admin-id", "IMPERSONATOR_USERNAME", "admin"));
        ProtocolMapperModel all = model(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN,
                OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO,
                OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION);
        Map<String, Object> actor = Map.of("sub", "admin-id", "preferred_username", "admin");

        assertThat(mapper.transformAccessToken(new AccessToken(), all, KEYCLOAK, session, null).getOtherClaims())
                .containsEntry("act", actor);
        assertThat(mapper.transformIDToken(new IDToken(), all, KEYCLOAK, session, null).getOtherClaims())
                .containsEntry("act", actor);
        assertThat(mapper.transformUserInfoToken(new AccessToken(), all, KEYCLOAK, session, null).getOtherClaims())
                .containsEntry("act", actor);
        assertThat(mapper.transformIntrospectionToken(new AccessToken(), all, KEYCLOAK, session, null).getOtherClaims())
                .containsEntry("act", actor);
    }

    @Test
    void switchedOffTokensAndOrdinarySessionsGetNoAct() {
        ActorMapper mapper = new ActorMapper();
        UserSessionModel impersonation = session(Map.of("IMPERSONATOR_ID", "admin-id"));
        ProtocolMapperModel accessOnly = model(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN);
        accessOnly.getConfig().put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "false");
        assertThat(mapper.transformIDToken(new IDToken(), accessOnly, KEYCLOAK, impersonation, null).getOtherClaims())
                .doesNotContainKey("act");
        assertThat(mapper.transformUserInfoToken(new AccessToken(), accessOnly, KEYCLOAK, impersonation, null).getOtherClaims())
                .doesNotContainKey("act");
        assertThat(mapper.transformIntrospectionToken(new AccessToken(), accessOnly, KEYCLOAK, impersonation, null).getOtherClaims())
                .doesNotContainKey("act");

        ProtocolMapperModel idOnly = model(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN);
        assertThat(mapper.transformAccessToken(new AccessToken(), idOnly, KEYCLOAK, impersonation, null).getOtherClaims())
                .doesNotContainKey("act");
        assertThat(mapper.transformIDToken(new IDToken(), idOnly, KEYCLOAK, impersonation, null).getOtherClaims())
                .containsEntry("act", Map.of("sub", "admin-id"));

        UserSessionModel ordinary = session(Map.of("authenticators-completed", "{}"));
        assertThat(mapper.transformAccessToken(new AccessToken(), accessOnly, KEYCLOAK, ordinary, null).getOtherClaims())
                .doesNotContainKey("act");
        assertThat(mapper.transformAccessToken(new AccessToken(), accessOnly, KEYCLOAK, null, null).getOtherClaims())
                .as("no user session").doesNotContainKey("act");
    }

    @Test
    void itReportsThePackVersion() {
        assertThat(new ActorMapper().getOperationalInfo()).containsKeys("version", "built-for-keycloak")
                .containsEntry("claim", "act");
    }
}
