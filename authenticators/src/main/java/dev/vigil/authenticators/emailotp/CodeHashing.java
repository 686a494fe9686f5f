package dev.vigil.authenticators.emailotp;

import dev.vigil.core.secrets.KeyedHash;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The keyed hash of a code as the step stores and checks it: keyed with the realm's active HMAC key
 * (secret from anyone who can read the authentication-session cache) and bound to the login.
 */
final class CodeHashing {

    private static final String HMAC_ALGORITHM = "HS512";

    private CodeHashing() {
    }

    static String hash(AuthenticationFlowContext ctx, String codeId, String code) {
        KeyWrapper key = ctx.getSession().keys().getActiveKey(ctx.getRealm(), KeyUse.SIG, HMAC_ALGORITHM);
        if (key == null || key.getSecretKey() == null) {
            throw new IllegalStateException("realm " + ctx.getRealm().getName() + " has no active " + HMAC_ALGORITHM + " key");
        }
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        String context = CodeCheck.context(authSession.getParentSession().getId(), authSession.getTabId(), codeId);
        return KeyedHash.of(key.getSecretKey().getEncoded(), context, code);
    }
}
