package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue #19: each response scope of the theft response, on a fake session API that records the calls. */
class RevocationTest {

    private static final class Fake implements Revocation.Sessions {
        final Set<String> online = Set.of("s-online", "s-other");
        final Set<String> offline = Set.of("s-offline");
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean exists(String sessionId, boolean isOffline) {
            return (isOffline ? offline : online).contains(sessionId);
        }

        @Override
        public void detachClientSession(String sessionId, boolean isOffline, String clientId) {
            calls.add("detach " + sessionId + " " + clientId);
        }

        @Override
        public void logout(String sessionId) {
            calls.add("logout " + sessionId);
        }

        @Override
        public void removeOffline(List<String> ids, String notBeforeUserId) {
            calls.add("remove-offline " + ids + " not-before " + notBeforeUserId);
        }

        @Override
        public List<String> onlineSessionsOf(String userId) {
            return List.of("s-online", "s-other");
        }

        @Override
        public List<String> offlineSessionsOf(String userId) {
            return List.of("s-offline");
        }
    }

    private static RefreshEvent reuse(String sessionId, String type) {
        return new RefreshEvent(false, 0, "r", "demo", "app", sessionId, "u-1", "jti", type, "Stale token", "10.0.0.1",
                RefreshPolicy.NONE, null, null);
    }

    @Test
    void familyDetachesOnlyThatClientsSession() {
        Fake fake = new Fake();
        assertThat(Revocation.revoke(RevocationScope.FAMILY, reuse("s-online", "Refresh"), "u-1", fake)).isZero();
        assertThat(fake.calls).containsExactly("detach s-online app");
    }

    @Test
    void sessionLogsOutTheOnlineSessionOrRemovesTheOfflineOne() {
        Fake fake = new Fake();
        assertThat(Revocation.revoke(RevocationScope.SESSION, reuse("s-online", "Refresh"), "u-1", fake)).isOne();
        assertThat(Revocation.revoke(RevocationScope.SESSION, reuse("s-offline", "Offline"), "u-1", fake)).isOne();
        assertThat(fake.calls).containsExactly("logout s-online", "remove-offline [s-offline] not-before null");
    }

    @Test
    void aSessionThatIsGoneOrUnknownEndsNothing() {
        Fake fake = new Fake();
        assertThat(Revocation.revoke(RevocationScope.SESSION, reuse("s-gone", "Refresh"), "u-1", fake)).isZero();
        assertThat(Revocation.revoke(RevocationScope.SESSION, reuse(null, "Refresh"), "u-1", fake)).isZero();
        assertThat(Revocation.revoke(RevocationScope.FAMILY, reuse("s-gone", "Refresh"), "u-1", fake)).isZero();
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void userEndsEverySessionAndSetsTheNotBefore() {
        Fake fake = new Fake();
        assertThat(Revocation.revoke(RevocationScope.USER, reuse("s-online", "Refresh"), "u-1", fake)).isEqualTo(3);
        assertThat(fake.calls).containsExactly("logout s-online", "logout s-other", "remove-offline [s-offline] not-before u-1");
        Fake unknown = new Fake();
        assertThat(Revocation.revoke(RevocationScope.USER, reuse("s-online", "Refresh"), null, unknown)).isZero();
        assertThat(unknown.calls).isEmpty();
    }
}
