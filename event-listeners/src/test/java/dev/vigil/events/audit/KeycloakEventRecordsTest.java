package dev.vigil.events.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.audit.AuditJson;
import dev.vigil.core.audit.AuditRecord;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class KeycloakEventRecordsTest {

    @Test
    void aRefreshEventKeepsIdsAndDropsNothingButSecrets() {
        Event event = new Event();
        event.setType(EventType.REFRESH_TOKEN);
        event.setTime(1_700_000_000_000L);
        event.setRealmId("r-1");
        event.setRealmName("demo");
        event.setUserId("u-1");
        event.setClientId("app");
        event.setSessionId("s-1");
        event.setIpAddress("10.1.2.3");
        Map<String, String> details = new HashMap<>();
        details.put("refresh_token_id", "jti-old");
        details.put("updated_refresh_token_id", "jti-new");
        details.put("refresh_token", "eyJhbGciOiJIUzUxMiJ9abc.eyJleHAiOjE3MDAwMDAwMDB9xyz.sig");
        event.setDetails(details);

        AuditRecord record = KeycloakEventRecords.of(event, "alice");

        assertThat(record.type()).isEqualTo("REFRESH_TOKEN");
        assertThat(record.realm()).isEqualTo("demo");
        assertThat(record.username()).isEqualTo("alice");
        assertThat(record.outcome()).isEqualTo(AuditRecord.Outcome.SUCCESS);
        assertThat(record.details()).containsEntry("refresh_token_id", "jti-old")
                .containsEntry("updated_refresh_token_id", "jti-new")
                .containsEntry("refresh_token", "[redacted]");
    }

    @Test
    void aLoginErrorTakesTheUsernameFromItsDetails() {
        Event event = new Event();
        event.setType(EventType.LOGIN_ERROR);
        event.setRealmName("demo");
        event.setError("invalid_user_credentials");
        event.setDetails(Map.of("username", "mallory"));

        AuditRecord record = KeycloakEventRecords.of(event, null);

        assertThat(record.username()).isEqualTo("mallory");
        assertThat(record.outcome()).isEqualTo(AuditRecord.Outcome.FAILURE);
        assertThat(record.error()).isEqualTo("invalid_user_credentials");
    }

    @Test
    void anAdminEventNeverCarriesItsRepresentation() {
        AdminEvent event = new AdminEvent();
        event.setTime(1_700_000_000_000L);
        event.setRealmName("demo");
        event.setOperationType(OperationType.ACTION);
        event.setResourceType(ResourceType.USER);
        event.setResourcePath("users/u-1/reset-password");
        event.setRepresentation("{\"type\":\"password\",\"value\":\"Sup3r-Secret!\"}");
        AuthDetails auth = new AuthDetails();
        auth.setRealmName("master");
        auth.setUserId("admin-id");
        auth.setClientId("admin-cli-id");
        auth.setIpAddress("127.0.0.1");
        event.setAuthDetails(auth);

        AuditRecord record = KeycloakEventRecords.of(event);

        assertThat(record.type()).isEqualTo("USER_ACTION");
        assertThat(record.userId()).isEqualTo("admin-id");
        assertThat(record.details()).containsEntry("resource_path", "users/u-1/reset-password")
                .containsEntry("auth_realm", "master");
        assertThat(AuditJson.render(record)).doesNotContain("Sup3r-Secret!");
    }

    @Test
    void auditedEventsDefaultToSecurityEventsOnly() {
        AuditedEvents defaults = AuditedEvents.defaults();
        assertThat(defaults.includes(EventType.LOGIN)).isTrue();
        assertThat(defaults.includes(EventType.REFRESH_TOKEN_ERROR)).isTrue();
        assertThat(defaults.includes(EventType.INTROSPECT_TOKEN)).isFalse();
        assertThat(defaults.includes(ResourceType.AUTH_FLOW)).isTrue();
        assertThat(defaults.includes(ResourceType.AUTHORIZATION_RESOURCE)).isFalse();
    }

    @Test
    void auditedEventsAcceptAListOrEverything() {
        assertThat(AuditedEvents.of("login, logout", null).includes(EventType.LOGOUT)).isTrue();
        assertThat(AuditedEvents.of("LOGIN", null).includes(EventType.LOGOUT)).isFalse();
        assertThat(AuditedEvents.of("*", "*").includes(ResourceType.AUTHORIZATION_RESOURCE)).isTrue();
        assertThat(AuditedEvents.of("*", null).describeEventTypes()).isEqualTo("*");
    }

    @Test
    void anUnknownTypeIsRefusedWithItsName() {
        assertThatThrownBy(() -> AuditedEvents.of("LOGIN,LOGN,FOO", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event-types").hasMessageContaining("LOGN, FOO");
    }
}
