package dev.vigil.authenticators.trust;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.time.Instant;
import java.util.UUID;
import org.keycloak.TokenCategory;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The trusted-device cookie on the wire: HttpOnly, SameSite=Lax, Secure where the realm requires
 * SSL for this connection, scoped to the realm's path, signed with the realm's HMAC key. One per
 * browser and realm; trusting the browser for another user replaces it.
 */
public final class TrustedDeviceCookie {

    public static final String NAME = "VIGIL_TRUSTED_DEVICE";

    private TrustedDeviceCookie() {
    }

    /** Marks this browser as trusted for {@code user} until {@code now + days}; returns the grant. */
    public static TrustClaims issue(KeycloakSession session, RealmModel realm, UserModel user, int days, Instant now) {
        Instant expires = DeviceTrust.expiry(now, days);
        String deviceId = UUID.randomUUID().toString();
        TrustedDeviceToken token = new TrustedDeviceToken().issuedAtMillis(now.toEpochMilli());
        token.type(DeviceTrust.TYPE).issuer(realm.getId()).subject(user.getId()).id(deviceId)
                .iat(now.getEpochSecond()).exp(expires.getEpochSecond());
        boolean secure = realm.getSslRequired().isRequired(session.getContext().getConnection());
        NewCookie cookie = new NewCookie.Builder(NAME)
                .value(session.tokens().encode(token))
                .path(realmPath(session, realm))
                .maxAge((int) (expires.getEpochSecond() - now.getEpochSecond()))
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie);
        return new TrustClaims(DeviceTrust.TYPE, realm.getId(), user.getId(), deviceId, now, expires);
    }

    /** Whether the browser of this request is a trusted device of {@code user}. */
    public static TrustVerdict verdict(KeycloakSession session, RealmModel realm, UserModel user, Instant now) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(NAME);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return TrustVerdict.NONE;
        }
        TrustClaims claims = read(session, cookie.getValue());
        if (claims == null) {
            return TrustVerdict.INVALID;
        }
        return DeviceTrust.judge(claims, realm.getId(), user.getId(), TrustRevocation.notBefore(session, realm, user), now);
    }

    /** The claims of a cookie signed by this realm with the algorithm of its internal tokens; null otherwise. */
    private static TrustClaims read(KeycloakSession session, String value) {
        try {
            String algorithm = new JWSInput(value).getHeader().getRawAlgorithm();
            // Only the algorithm Keycloak uses for internal tokens: no token signed for anything else.
            if (!session.tokens().signatureAlgorithm(TokenCategory.INTERNAL).equals(algorithm)) {
                return null;
            }
            TrustedDeviceToken token = session.tokens().decode(value, TrustedDeviceToken.class);
            if (token == null || token.getIssuedAtMillis() == null || token.getExp() == null) {
                return null;
            }
            return new TrustClaims(token.getType(), token.getIssuer(), token.getSubject(), token.getId(),
                    Instant.ofEpochMilli(token.getIssuedAtMillis()), Instant.ofEpochSecond(token.getExp()));
        } catch (Exception unreadable) {
            // Garbage, truncation or tampering: treated like no trust, never an error page.
            return null;
        }
    }

    private static String realmPath(KeycloakSession session, RealmModel realm) {
        String base = session.getContext().getUri().getBaseUri().getRawPath();
        return (base.endsWith("/") ? base : base + "/") + "realms/" + realm.getName() + "/";
    }
}
