package dev.vigil.authenticators.trust;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.representations.JsonWebToken;

/**
 * The content of a trusted-device cookie: a JWT of the {@code INTERNAL} category, so Keycloak signs
 * it with the realm's HMAC key and nothing needs storing on the server. {@code iat} has seconds
 * only; {@code iat_ms} orders a grant against a revocation in the same second.
 */
public class TrustedDeviceToken extends JsonWebToken {

    @JsonProperty("iat_ms")
    private Long issuedAtMillis;

    public Long getIssuedAtMillis() {
        return issuedAtMillis;
    }

    public TrustedDeviceToken issuedAtMillis(long millis) {
        this.issuedAtMillis = millis;
        return this;
    }
}
