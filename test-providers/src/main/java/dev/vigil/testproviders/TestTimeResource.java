package dev.vigil.testproviders;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/master/vigil-test-time}: reads ({@code GET}) and sets ({@code PUT {"offset": seconds}})
 * this node's time offset, and tells whether a key is in the single-use store ({@code GET single-use?key=...},
 * the presence only, never a value), so tests see entries expire. Only under the master realm and only for a master-realm {@code admin}; Keycloak's
 * admin authentication has checked the bearer token before this resource is reached.
 */
public class TestTimeResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final TimeControl time;

    TestTimeResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, TimeControl time) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.time = time;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        requireMasterAdmin();
        return time.state();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> set(Map<String, Object> body) {
        requireMasterAdmin();
        int seconds;
        try {
            seconds = OffsetRequest.seconds(body);
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
        return time.set(seconds, () -> InfinispanTime.useKeycloakTime(session));
    }

    @GET
    @Path("single-use")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> singleUse(@QueryParam("key") String key) {
        requireMasterAdmin();
        if (key == null || key.isBlank()) {
            throw ErrorResponse.error("'key' is required", Response.Status.BAD_REQUEST);
        }
        return Map.of("present", session.singleUseObjects().contains(key));
    }

    private void requireMasterAdmin() {
        if (!Config.getAdminRealm().equals(realm.getName())) {
            throw new NotFoundException();
        }
        if (!Config.getAdminRealm().equals(auth.adminAuth().getRealm().getName())
                || !auth.adminAuth().hasRealmRole(AdminRoles.ADMIN)) {
            throw new ForbiddenException();
        }
    }
}
