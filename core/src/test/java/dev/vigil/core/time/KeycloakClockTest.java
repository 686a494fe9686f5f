package dev.vigil.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;

class KeycloakClockTest {

    @AfterEach
    void resetOffset() {
        Time.setOffset(0);
    }

    @Test
    void withoutAnOffsetItIsTheWallClock() {
        long before = System.currentTimeMillis();
        long now = KeycloakClock.utc().millis();
        long after = System.currentTimeMillis();

        assertThat(now).isBetween(before, after);
    }

    @Test
    void itMovesWithKeycloaksTimeOffset() {
        Time.setOffset(3600);

        long before = System.currentTimeMillis();
        long millis = KeycloakClock.utc().millis();
        long instant = KeycloakClock.utc().instant().toEpochMilli();
        long after = System.currentTimeMillis();

        assertThat(millis).isBetween(before + 3_600_000, after + 3_600_000);
        assertThat(instant).isBetween(before + 3_600_000, after + 3_600_000);
    }

    @Test
    void itIsUtcAndKeepsTheOffsetInAnotherZone() {
        Time.setOffset(-120);
        Clock paris = KeycloakClock.utc().withZone(ZoneId.of("Europe/Paris"));

        long before = System.currentTimeMillis();
        long millis = paris.millis();
        long after = System.currentTimeMillis();

        assertThat(KeycloakClock.utc().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(millis).isBetween(before - 120_000, after - 120_000);
        assertThat(paris).isNotEqualTo(KeycloakClock.utc()).isEqualTo(KeycloakClock.utc().withZone(ZoneId.of("Europe/Paris")));
        assertThat(KeycloakClock.utc().withZone(ZoneOffset.UTC)).isSameAs(KeycloakClock.utc());
    }
}
