package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.ratelimit.SlotStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefreshAnomaliesTest {

    /** Slots with lifespans against a clock the test moves. */
    private static final class Slots implements SlotStore {
        final Map<String, Long> expiry = new HashMap<>();
        long now;

        @Override
        public boolean claim(String key, long lifespanSeconds) {
            if (isClaimed(key)) {
                return false;
            }
            expiry.put(key, now + lifespanSeconds);
            return true;
        }

        @Override
        public boolean isClaimed(String key) {
            Long until = expiry.get(key);
            return until != null && until > now;
        }
    }

    private static final class Agents implements RefreshAnomalies.AgentMemory {
        final Map<String, String> last = new HashMap<>();

        @Override
        public String lastAgent(String realmId, String family) {
            return last.get(realmId + family);
        }

        @Override
        public void rememberAgent(String realmId, String family, String userAgent, long lifespanSeconds) {
            last.put(realmId + family, userAgent);
        }
    }

    private final Slots slots = new Slots();
    private final Agents agents = new Agents();

    private RefreshAnomalies at(long epochSecond) {
        slots.now = epochSecond;
        return new RefreshAnomalies(slots, agents, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static RefreshEvent refresh(String session) {
        return new RefreshEvent(true, 0, "r", "demo", "app", session, "u", "jti", "Refresh", null, "10.0.0.1",
                RefreshPolicy.NONE, null, null);
    }

    private static RefreshPolicy rate(int perMinute) {
        return new RefreshPolicy(null, 0, false, false, false, perMinute, false, AnomalyAction.LOG);
    }

    private static final RefreshPolicy AGENT = new RefreshPolicy(null, 0, false, false, false, 0, true, AnomalyAction.LOG);

    @Test
    void aFamilyOverTheRateIsReportedOncePerMinute() {
        long minute = 1_700_000_040L;
        for (int i = 0; i < 3; i++) {
            assertThat(at(minute + i).check(refresh("s"), rate(3), null, 600)).isEmpty();
        }
        assertThat(at(minute + 10).check(refresh("s"), rate(3), null, 600)).containsExactly(Detection.Source.REFRESH_RATE);
        assertThat(at(minute + 11).check(refresh("s"), rate(3), null, 600)).as("reported already").isEmpty();
        assertThat(at(minute + 12).check(refresh("other"), rate(3), null, 600)).as("another family").isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(at(minute + 60 + i).check(refresh("s"), rate(3), null, 600)).as("next minute").isEmpty();
        }
        assertThat(at(minute + 70).check(refresh("s"), rate(3), null, 600)).containsExactly(Detection.Source.REFRESH_RATE);
    }

    @Test
    void aChangedUserAgentIsASignalAndTheNewOneIsRemembered() {
        assertThat(at(0).check(refresh("s"), AGENT, "Firefox", 600)).as("first refresh").isEmpty();
        assertThat(at(1).check(refresh("s"), AGENT, "Firefox", 600)).isEmpty();
        assertThat(at(2).check(refresh("s"), AGENT, "curl/8.0", 600)).containsExactly(Detection.Source.USER_AGENT_CHANGE);
        assertThat(at(3).check(refresh("s"), AGENT, "curl/8.0", 600)).isEmpty();
        assertThat(at(4).check(refresh("s"), AGENT, null, 600)).as("no user agent tells nothing").isEmpty();
        assertThat(at(5).check(refresh("t"), AGENT, "Safari", 600)).as("families are apart").isEmpty();
    }

    @Test
    void withoutThePolicyNothingIsWatched() {
        assertThat(at(0).check(refresh("s"), RefreshPolicy.NONE, "A", 600)).isEmpty();
        assertThat(at(1).check(refresh("s"), RefreshPolicy.NONE, "B", 600)).isEmpty();
        assertThat(slots.expiry).isEmpty();
        assertThat(agents.last).isEmpty();
    }
}
