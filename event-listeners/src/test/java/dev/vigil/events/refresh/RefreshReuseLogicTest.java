package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

class RefreshReuseLogicTest {

    /** Keys that never expire within a test. */

    private static Event event(EventType type, Map<String, String> details) {
        Event e = new Event();
        e.setType(type);
        e.setTime(1_700_000_000_000L);
        e.setRealmId("r");
        e.setRealmName("demo");
        e.setClientId("app");
        e.setSessionId("s-1");
        e.setIpAddress("10.0.0.1");
        e.setDetails(new HashMap<>(details));
        return e;
    }

    @Test
    void keycloaksReuseErrorsAreDetectionsWithTheUserFromTheTokenSubject() {
        for (String reason : new String[] {"Maximum allowed refresh token reuse exceeded", "Stale token"}) {
            RefreshEvent refresh = RefreshEvent.of(event(EventType.REFRESH_TOKEN_ERROR,
                    Map.of("reason", reason, "refresh_token_id", "jti-1", "refresh_token_sub", "u-1", "refresh_token_type", "Refresh")));
            assertThat(refresh.isKeycloakReuseError()).as(reason).isTrue();
            assertThat(refresh.userId()).isEqualTo("u-1");
            assertThat(refresh.refreshTokenId()).isEqualTo("jti-1");
            assertThat(refresh.isOffline()).isFalse();
        }
    }

    @Test
    void otherRefreshErrorsAreNotReuseSoAForgedTokenTriggersNothing() {
        for (String reason : new String[] {"Invalid refresh token", "Token is not active", "Session not active", "Invalid token issuer"}) {
            assertThat(RefreshEvent.of(event(EventType.REFRESH_TOKEN_ERROR,
                    Map.of("reason", reason, "refresh_token_sub", "u-1"))).isKeycloakReuseError()).as(reason).isFalse();
        }
        assertThat(RefreshEvent.of(event(EventType.REFRESH_TOKEN_ERROR, Map.of())).isKeycloakReuseError()).isFalse();
    }

    @Test
    void otherEventsAreNotRefreshEvents() {
        assertThat(RefreshEvent.of(event(EventType.LOGIN, Map.of()))).isNull();
        RefreshEvent offline = RefreshEvent.of(event(EventType.REFRESH_TOKEN, Map.of("refresh_token_type", "Offline")));
        assertThat(offline.success()).isTrue();
        assertThat(offline.isOffline()).isTrue();
    }

    @Test
    void theResponseOptionIsParsedStrictly() {
        assertThat(RevocationScope.parse(null)).isEqualTo(RevocationScope.SESSION);
        assertThat(RevocationScope.parse(" User ")).isEqualTo(RevocationScope.USER);
        assertThatThrownBy(() -> RevocationScope.parse("everything"))
                .hasMessage("vigil-refresh-reuse option 'response' must be one of family, session, user, not 'everything'");
    }
}
