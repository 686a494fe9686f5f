package dev.vigil.authenticators.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.authenticators.JaxRsStub;
import dev.vigil.core.Fakes;
import dev.vigil.core.FuzzText;
import dev.vigil.core.users.VigilUserAttributes;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keycloak.TokenCategory;
import org.keycloak.credential.CredentialModel;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.TokenManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/**
 * Fuzzes the trusted-device cookie decoder and verdict ({@link TrustedDeviceCookie#verdict}) with the
 * revocation inputs it reads ({@link TrustRevocation#notBefore}: the user attribute, Keycloak's
 * not-before, the newest credential). The session's token manager is a stand-in that verifies an
 * HS512 signature with a fixed key, as Keycloak's does with the realm's key.
 *
 * <p>Input, fields separated by 0xFF: the cookie value, or the token payload (JSON) when the second
 * field is {@code sign}; the user's not-before attribute; Keycloak's not-before of the user (seconds);
 * the newest credential's creation time (ms); the time of the login (ms). No cookie value, however
 * malformed, throws; a browser is {@code TRUSTED} only for a correctly signed token of the trust type,
 * realm and user, not expired, issued after every revocation.
 */
class TrustedDeviceCookieFuzzTest {

    private static final byte[] KEY = "vigil-fuzz-hmac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String HEADER = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"alg\":\"HS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final String REALM = "realm-1";

    static {
        JaxRsStub.installRuntimeDelegate();
    }

    private static final String USER = "user-1";

    @FuzzTest(maxDuration = "2m")
    void onlyAValidGrantMakesATrustedDevice(byte[] data) throws Exception {
        List<String> f = FuzzText.fields(data);
        String cookie = f.size() > 1 && f.get(1).equals("sign") ? sign(f.get(0)) : f.get(0);
        String attribute = f.size() > 2 ? f.get(2) : null;
        int keycloakNotBefore = (int) FuzzText.number(f, 3, 0);
        long credentialCreated = FuzzText.number(f, 4, Long.MIN_VALUE);
        Instant now = Instant.ofEpochMilli(FuzzText.number(f, 5, 1_764_000_000_000L));
        RealmModel realm = Fakes.of(RealmModel.class, Map.of("getId", a -> REALM));
        UserModel user = user(attribute, credentialCreated);

        TrustVerdict verdict = TrustedDeviceCookie.verdict(session(cookie, keycloakNotBefore), realm, user, now);

        assertThat(verdict).isNotNull();
        if (cookie.isBlank()) {
            assertThat(verdict).isEqualTo(TrustVerdict.NONE);
        }
        if (verdict != TrustVerdict.TRUSTED) {
            return;
        }
        assertThat(verifies(cookie)).as("a trusted cookie carries a valid signature").isTrue();
        TrustedDeviceToken token = new JWSInput(cookie).readJsonContent(TrustedDeviceToken.class);
        assertThat(token.getType()).isEqualTo(DeviceTrust.TYPE);
        assertThat(token.getIssuer()).isEqualTo(REALM);
        assertThat(token.getSubject()).isEqualTo(USER);
        assertThat(now.getEpochSecond()).isLessThan(token.getExp());
        long issuedAt = token.getIssuedAtMillis();
        if (attribute != null) {
            assertThat(issuedAt).as("after the revocation mark").isGreaterThan(Long.parseLong(attribute.trim()));
        }
        if (keycloakNotBefore > 0) {
            assertThat(issuedAt).as("after Keycloak's not-before").isGreaterThan(keycloakNotBefore * 1000L + 999);
        }
        assertThat(issuedAt).as("after the newest credential").isGreaterThan(credentialCreated);
    }

    private static KeycloakSession session(String cookie, int keycloakNotBefore) {
        HttpHeaders headers = Fakes.of(HttpHeaders.class, Map.of("getCookies",
                a -> Map.of(TrustedDeviceCookie.NAME, new Cookie.Builder(TrustedDeviceCookie.NAME).value(cookie).build())));
        KeycloakContext context = Fakes.of(KeycloakContext.class, Map.of("getRequestHeaders", a -> headers));
        TokenManager tokens = Fakes.of(TokenManager.class, Map.of(
                "signatureAlgorithm", a -> a[0] == TokenCategory.INTERNAL ? "HS512" : "RS256",
                "decode", a -> decode((String) a[0], (Class<?>) a[1])));
        UserProvider users = Fakes.of(UserProvider.class, Map.of("getNotBeforeOfUser", a -> keycloakNotBefore));
        return Fakes.of(KeycloakSession.class, Map.of(
                "getContext", a -> context, "tokens", a -> tokens, "users", a -> users,
                // No user profile here: VigilUserState's admin-only declaration is tested in TrustedDeviceIT.
                "getProvider", a -> null));
    }

    private static UserModel user(String attribute, long credentialCreated) {
        CredentialModel credential = new CredentialModel();
        credential.setCreatedDate(credentialCreated == Long.MIN_VALUE ? null : credentialCreated);
        SubjectCredentialManager credentials = Fakes.of(SubjectCredentialManager.class,
                Map.of("getStoredCredentialsStream", a -> Stream.of(credential)));
        return Fakes.of(UserModel.class, Map.of(
                "getId", a -> USER,
                "getFirstAttribute", a -> VigilUserAttributes.TRUSTED_DEVICES_NOT_BEFORE.equals(a[0]) ? attribute : null,
                "credentialManager", a -> credentials));
    }

    /** As Keycloak's token manager: null unless the HS512 signature verifies, then the content. */
    private static Object decode(String token, Class<?> type) {
        try {
            return verifies(token) ? new JWSInput(token).readJsonContent(type) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean verifies(String token) {
        try {
            JWSInput jws = new JWSInput(token);
            return "HS512".equals(jws.getHeader().getRawAlgorithm())
                    && MessageDigest.isEqual(hmac(jws.getEncodedSignatureInput()), jws.getSignature());
        } catch (Exception e) {
            return false;
        }
    }

    private static String sign(String payloadJson) throws Exception {
        String input = HEADER + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(input));
    }

    private static byte[] hmac(String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(KEY, "HmacSHA512"));
        return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    }
}
