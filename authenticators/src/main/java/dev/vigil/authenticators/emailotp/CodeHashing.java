package dev.vigil.authenticators.emailotp;

import dev.vigil.core.secrets.KeyedHash;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The keyed hash of a code as the step stores and checks it: keyed with the realm's active HMAC key
 * (secret from anyone who can read the authentication-session cache) and bound to the login.
 */
final class CodeHashing {

    private CodeHashing() {
    }

    static String hash(AuthenticationFlowContext ctx, String codeId, String code) {
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        String context = CodeCheck.context(authSession.getParentSession().getId(), authSession.getTabId(), codeId);
        return KeyedHash.of(StoreKeys.realmSecret(ctx.getSession(), ctx.getRealm()), context, code);
    }
}
