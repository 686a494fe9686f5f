package dev.vigil.authenticators.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeviceTrustTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00.250Z"), ZoneOffset.UTC);
    private static final Instant NOW = CLOCK.instant();
    private static final Instant GRANTED = NOW.minus(Duration.ofDays(3));

    private static TrustClaims claims(String type, String realm, String user, Instant issued, Instant expires) {
        return new TrustClaims(type, realm, user, "device-1", issued, expires);
    }

    private static TrustClaims valid() {
        return claims(DeviceTrust.TYPE, "realm-1", "user-1", GRANTED, DeviceTrust.expiry(GRANTED, 30));
    }

    @Test
    void aValidCookieOfThisUserIsTrusted() {
        assertThat(DeviceTrust.judge(valid(), "realm-1", "user-1", null, NOW)).isEqualTo(TrustVerdict.TRUSTED);
        assertThat(DeviceTrust.judge(valid(), "realm-1", "user-1", GRANTED.minusMillis(1), NOW)).isEqualTo(TrustVerdict.TRUSTED);
    }

    @Test
    void noCookieIsNoTrust() {
        assertThat(DeviceTrust.judge(null, "realm-1", "user-1", null, NOW)).isEqualTo(TrustVerdict.NONE);
    }

    @Test
    void anotherUsersCookieDoesNotCount() {
        assertThat(DeviceTrust.judge(valid(), "realm-1", "user-2", null, NOW)).isEqualTo(TrustVerdict.OTHER_USER);
    }

    @Test
    void otherTokensOfTheRealmAndOtherRealmsAreInvalid() {
        Instant expires = DeviceTrust.expiry(GRANTED, 30);
        assertThat(DeviceTrust.judge(claims("ID", "realm-1", "user-1", GRANTED, expires), "realm-1", "user-1", null, NOW))
                .as("an ID token signed by the same realm").isEqualTo(TrustVerdict.INVALID);
        assertThat(DeviceTrust.judge(claims(null, "realm-1", "user-1", GRANTED, expires), "realm-1", "user-1", null, NOW))
                .isEqualTo(TrustVerdict.INVALID);
        assertThat(DeviceTrust.judge(valid(), "realm-2", "user-1", null, NOW)).isEqualTo(TrustVerdict.INVALID);
        assertThat(DeviceTrust.judge(claims(DeviceTrust.TYPE, "realm-1", "user-1", null, expires), "realm-1", "user-1", null, NOW))
                .isEqualTo(TrustVerdict.INVALID);
        assertThat(DeviceTrust.judge(claims(DeviceTrust.TYPE, "realm-1", "user-1", GRANTED, null), "realm-1", "user-1", null, NOW))
                .isEqualTo(TrustVerdict.INVALID);
        assertThat(DeviceTrust.judge(claims(DeviceTrust.TYPE, "realm-1", null, GRANTED, expires), "realm-1", "user-1", null, NOW))
                .isEqualTo(TrustVerdict.INVALID);
    }

    @Test
    void trustEndsAtItsExpiry() {
        TrustClaims claims = valid();
        assertThat(DeviceTrust.judge(claims, "realm-1", "user-1", null, claims.expiresAt().minusMillis(1)))
                .isEqualTo(TrustVerdict.TRUSTED);
        assertThat(DeviceTrust.judge(claims, "realm-1", "user-1", null, claims.expiresAt())).isEqualTo(TrustVerdict.EXPIRED);
        assertThat(DeviceTrust.judge(claims, "realm-1", "user-1", null, claims.expiresAt().plusSeconds(1)))
                .isEqualTo(TrustVerdict.EXPIRED);
    }

    @Test
    void aRevocationAfterTheGrantEndsItAndTheSameMillisecondCountsAsAfter() {
        assertThat(DeviceTrust.judge(valid(), "realm-1", "user-1", GRANTED.plusSeconds(1), NOW)).isEqualTo(TrustVerdict.REVOKED);
        assertThat(DeviceTrust.judge(valid(), "realm-1", "user-1", GRANTED, NOW)).isEqualTo(TrustVerdict.REVOKED);
        assertThat(DeviceTrust.judge(valid(), "realm-1", "user-1", Instant.MAX, NOW)).isEqualTo(TrustVerdict.REVOKED);
    }

    @Test
    void trustLastsOneToThreeHundredSixtyFiveDays() {
        assertThat(DeviceTrust.expiry(NOW, 30)).isEqualTo(Instant.parse("2026-12-23T12:00:00.250Z"));
        assertThat(DeviceTrust.expiry(NOW, 1)).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> DeviceTrust.expiry(NOW, 0)).hasMessage("trust lasts 1 to 365 days, not 0");
        assertThatThrownBy(() -> DeviceTrust.expiry(NOW, 366)).hasMessage("trust lasts 1 to 365 days, not 366");
    }
}
