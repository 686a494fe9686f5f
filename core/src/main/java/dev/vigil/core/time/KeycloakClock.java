package dev.vigil.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.keycloak.common.util.Time;

/**
 * The one clock Vigil's production code reads: Keycloak's {@link Time}, which is the wall clock plus
 * Keycloak's time offset. Keycloak judges token expiry, sessions and not-before by the same time, so
 * Vigil's windows, cooldowns and ages agree with Keycloak's, and a test that moves Keycloak's offset
 * moves Vigil's time too. Pure logic still takes a {@link Clock} (a fixed one in unit tests);
 * factories hand it this one.
 */
public final class KeycloakClock extends Clock {

    private static final KeycloakClock UTC = new KeycloakClock(ZoneOffset.UTC);

    private final ZoneId zone;

    private KeycloakClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Keycloak's time in UTC. */
    public static Clock utc() {
        return UTC;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new KeycloakClock(zone);
    }

    @Override
    public long millis() {
        return Time.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeycloakClock clock && clock.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return zone.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "KeycloakClock[" + zone + "]";
    }
}
