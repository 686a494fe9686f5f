package dev.vigil.core.impersonation;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.keycloak.representations.AccessToken;

/**
 * What an impersonation access token may carry, decided when it is issued and kept in the token itself
 * ({@code aud}), so that every later rebuild of the token (Keycloak's introspection and the Account REST
 * API's loader rebuild it from a session built for the client, which for a full-scope client holds every
 * role of the user) is cut down the same way.
 *
 * <p>The token keeps only the audiences in the allowed set (the requesting client, plus what an
 * operator allowed and the request asked for), roles only of those clients, and never a role that
 * writes through Keycloak's Account REST API or any role of the realm's admin clients.
 */
public final class ImpersonationTokenScope {

    /** Keycloak's Account REST API writes with these roles of the {@code account} client. */
    public static final Set<String> ACCOUNT_WRITE_ROLES = Set.of("manage-account", "manage-account-links",
            "manage-consent", "delete-account");

    /** Clients whose roles administer a realm: never an impersonation token's audience. */
    public static final String REALM_MANAGEMENT = "realm-management";

    private ImpersonationTokenScope() {
    }

    /**
     * For a token of Vigil's impersonation exchange (only that puts a {@code client_id} into {@code act}), the
     * audiences it was issued with, which are what any rebuild of it may keep; null for every other token.
     * The token must be verified: its claims are trusted as Keycloak signed them.
     */
    public static Set<String> issuedAudiences(AccessToken token) {
        if (ActorClaim.client(token.getOtherClaims().get(ActorClaim.CLAIM)) == null) {
            return null;
        }
        Set<String> audiences = new LinkedHashSet<>();
        if (token.getAudience() != null) {
            audiences.addAll(Arrays.asList(token.getAudience()));
        }
        return audiences;
    }

    /** True for a client id that may never be an impersonation token's audience. */
    public static boolean adminClient(String clientId) {
        return REALM_MANAGEMENT.equals(clientId) || clientId.endsWith("-realm") || "broker".equals(clientId);
    }

    /**
     * Cuts {@code token} down in place to {@code allowed} audiences: {@code aud} keeps only those (in
     * the token's order) and always names the client it was issued to (when allowed),
     * {@code resource_access} keeps only their roles without the Account API's write roles, and no
     * admin client ever.
     */
    public static AccessToken restrict(AccessToken token, Set<String> allowed) {
        String[] audience = token.getAudience();
        Set<String> kept = new LinkedHashSet<>();
        String azp = token.getIssuedFor();
        if (azp != null && allowed.contains(azp) && !adminClient(azp)) {
            kept.add(azp);
        }
        if (audience != null) {
            Arrays.stream(audience).filter(a -> allowed.contains(a) && !adminClient(a)).forEach(kept::add);
        }
        token.audience(kept.toArray(String[]::new));
        Map<String, AccessToken.Access> resourceAccess = token.getResourceAccess();
        if (resourceAccess != null) {
            resourceAccess.keySet().removeIf(clientId -> !allowed.contains(clientId) || adminClient(clientId));
            AccessToken.Access account = resourceAccess.get("account");
            if (account != null && account.getRoles() != null) {
                account.getRoles().removeAll(ACCOUNT_WRITE_ROLES);
            }
        }
        return token;
    }
}
