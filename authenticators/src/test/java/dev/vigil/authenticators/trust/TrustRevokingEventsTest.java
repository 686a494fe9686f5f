package dev.vigil.authenticators.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class TrustRevokingEventsTest {

    @Test
    void credentialChangesEndTrust() {
        for (EventType type : new EventType[] {EventType.UPDATE_PASSWORD, EventType.UPDATE_CREDENTIAL, EventType.REMOVE_CREDENTIAL,
                EventType.UPDATE_TOTP, EventType.REMOVE_TOTP, EventType.RESET_PASSWORD}) {
            assertThat(TrustRevokingEvents.reason(type, "POST", "/realms/r/login-actions/required-action"))
                    .isEqualTo("credential changed (" + type.name() + ")");
        }
        assertThat(TrustRevokingEvents.reason(EventType.LOGIN, "POST", "/realms/r/login-actions/authenticate")).isNull();
        assertThat(TrustRevokingEvents.reason(EventType.REFRESH_TOKEN, "POST", "/realms/r/protocol/openid-connect/token")).isNull();
    }

    @Test
    void onlySigningOutOfAllDevicesEndsTrustNotOneLogout() {
        assertThat(TrustRevokingEvents.reason(EventType.LOGOUT, "DELETE", "/realms/r/account/sessions"))
                .isEqualTo("signed out of all devices");
        assertThat(TrustRevokingEvents.reason(EventType.LOGOUT, "DELETE", "/auth/realms/r/account/sessions/")).isNotNull();
        assertThat(TrustRevokingEvents.reason(EventType.LOGOUT, "DELETE", "/realms/r/account/sessions/8Og7kb8f"))
                .as("one device").isNull();
        assertThat(TrustRevokingEvents.reason(EventType.LOGOUT, "GET", "/realms/r/protocol/openid-connect/logout"))
                .as("an app's logout").isNull();
        assertThat(TrustRevokingEvents.reason(EventType.LOGOUT, null, null)).isNull();
    }

    @Test
    void adminResetsRemovalsAndSignOutsOfAUserEndTrust() {
        assertThat(TrustRevokingEvents.adminTarget(ResourceType.USER, OperationType.ACTION, "users/u-1/reset-password")).isEqualTo("u-1");
        assertThat(TrustRevokingEvents.adminTarget(ResourceType.USER, OperationType.DELETE, "users/u-1/credentials/c-9")).isEqualTo("u-1");
        assertThat(TrustRevokingEvents.adminTarget(ResourceType.USER, OperationType.ACTION, "users/u-1/logout")).isEqualTo("u-1");
        assertThat(TrustRevokingEvents.adminTarget(ResourceType.USER, OperationType.UPDATE, "users/u-1")).as("profile edit").isNull();
        assertThat(TrustRevokingEvents.adminTarget(ResourceType.USER, OperationType.CREATE, "users/u-1/credentials/c-9")).isNull();
        assertThat(TrustRevokingEvents.adminTarget(ResourceType.CLIENT, OperationType.DELETE, "users/u-1/credentials/c-9")).isNull();
        assertThat(TrustRevokingEvents.adminTarget(ResourceType.USER, OperationType.ACTION, null)).isNull();
    }
}
