package dev.vigil.testproviders;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts {@link TestTimeResource} at {@code /admin/realms/master/vigil-test-time}. Test servers only:
 * the harness installs this jar next to the Vigil jar; the drop-in jar never contains it.
 */
public class TestTimeResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String ID = "vigil-test-time";
    private static final Logger LOG = Logger.getLogger(TestTimeResourceProviderFactory.class);

    private final TimeControl time = new TimeControl();

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return new TestTimeResource(s, realm, auth, time);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        LOG.warn("vigil-test-time is installed: a master-realm admin can move this server's clock. Test servers only.");
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
