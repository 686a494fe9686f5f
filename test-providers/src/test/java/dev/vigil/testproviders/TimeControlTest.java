package dev.vigil.testproviders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;

class TimeControlTest {

    private final AtomicInteger installed = new AtomicInteger();
    private final AtomicInteger restored = new AtomicInteger();
    private final Supplier<Runnable> caches = () -> {
        installed.incrementAndGet();
        return restored::incrementAndGet;
    };

    @AfterEach
    void resetOffset() {
        Time.setOffset(0);
    }

    @Test
    void aNonZeroOffsetMovesKeycloakTimeAndTheCachesOnce() {
        TimeControl time = new TimeControl();

        assertThat(time.set(60, caches)).containsEntry("offset", 60).containsEntry("cachesFollowKeycloakTime", true);
        assertThat(time.set(3600, caches)).containsEntry("offset", 3600);

        assertThat(Time.getOffset()).isEqualTo(3600);
        assertThat(installed).hasValue(1);
        assertThat(restored).hasValue(0);
    }

    @Test
    void zeroGivesTheCachesTheirOwnClockBack() {
        TimeControl time = new TimeControl();
        time.set(60, caches);

        assertThat(time.set(0, caches)).containsEntry("offset", 0).containsEntry("cachesFollowKeycloakTime", false);
        assertThat(time.set(0, caches)).containsEntry("offset", 0);
        assertThat(Time.getOffset()).isZero();
        assertThat(restored).hasValue(1);

        time.set(-30, caches);
        assertThat(installed).hasValue(2);
    }

    @Test
    void withoutAnEmbeddedCacheLayerOnlyKeycloakTimeMoves() {
        TimeControl time = new TimeControl();

        assertThat(time.set(60, () -> null)).containsEntry("offset", 60).containsEntry("cachesFollowKeycloakTime", false);
        assertThat(time.set(0, () -> null)).containsEntry("offset", 0);
    }
}
