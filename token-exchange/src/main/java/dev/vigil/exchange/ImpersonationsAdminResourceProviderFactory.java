package dev.vigil.exchange;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.time.KeycloakClock;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/** Mounts {@link ImpersonationsAdminResource} at {@code /admin/realms/{realm}/vigil-impersonations}. */
public class ImpersonationsAdminResourceProviderFactory implements AdminRealmResourceProviderFactory, VigilProviderFactory<AdminRealmResourceProvider> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.IMPERSONATION;
    }

    public static final String ID = "vigil-impersonations";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, org.keycloak.models.RealmModel realm,
                                      org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator auth,
                                      org.keycloak.services.resources.admin.AdminEventBuilder adminEvent) {
                return new ImpersonationsAdminResource(s, realm, auth, KeycloakClock.utc());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
