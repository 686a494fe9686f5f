package dev.vigil.exchange;

import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.audit.AuditTrail;
import dev.vigil.core.tx.AfterCommit;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/vigil-impersonations}: the running impersonations and the kill
 * switch, under Keycloak's admin authentication and its (fine-grained) user permissions: an admin
 * sees the impersonations of users they may view and ends those of users they may manage.
 */
public class ImpersonationsAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final Clock clock;

    ImpersonationsAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        auth.users().requireQuery();
        return visible().stream().map(ImpersonationsAdminResource::json).toList();
    }

    @DELETE
    @Path("{sessionId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> end(@PathParam("sessionId") String sessionId) {
        auth.users().requireQuery();
        ActiveImpersonations.Entry entry = visible().stream().filter(e -> e.sessionId().equals(sessionId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No such impersonation"));
        return Map.of("ended", end(entry) ? 1 : 0);
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> endAll() {
        auth.users().requireQuery();
        if (!session.getContext().getUri().getQueryParameters().isEmpty()) {
            // A caller who expects a filter (?actor=...) must not end every impersonation by mistake.
            throw ErrorResponse.error("DELETE on the collection ends every impersonation you may manage and takes no"
                    + " parameters; end one with DELETE .../vigil-impersonations/{sessionId}", Response.Status.BAD_REQUEST);
        }
        int ended = 0;
        for (ActiveImpersonations.Entry entry : visible()) {
            // Only those the admin may manage: one they may only view is left running, not a reason to fail the rest.
            UserModel target = session.users().getUserById(realm, entry.targetId());
            if (target != null && auth.users().canManage(target) && end(entry)) {
                ended++;
            }
        }
        return Map.of("ended", ended);
    }

    private List<ActiveImpersonations.Entry> visible() {
        return ActiveImpersonations.list(session, realm, clock.instant().getEpochSecond()).stream()
                .filter(e -> {
                    UserModel target = session.users().getUserById(realm, e.targetId());
                    return target != null && auth.users().canView(target);
                }).toList();
    }

    private boolean end(ActiveImpersonations.Entry entry) {
        UserModel target = session.users().getUserById(realm, entry.targetId());
        auth.users().requireManage(target);
        UserSessionModel userSession = session.sessions().getUserSession(realm, entry.sessionId());
        if (userSession == null) {
            return false;
        }
        String capSlot = userSession.getNote(SessionNotes.CAP_SLOT);
        AuthenticationManager.backchannelLogout(session, userSession, true);
        AuditRecord record = AuditRecord.builder(ImpersonationExchangeProvider.AUDIT_SOURCE, "IMPERSONATION", Instant.now(clock))
                .realm(realm.getName()).userId(entry.targetId()).username(entry.targetUsername())
                .clientId(entry.clientId()).sessionId(entry.sessionId())
                .detail("decision", "ended")
                .detail("impersonator", entry.actorUsername())
                .detail("impersonator_id", entry.actorId())
                .detail("ended_by", auth.adminAuth().getUser().getUsername())
                .build();
        // Only once the logout is committed: a request that fails later rolls the logout back, and then
        // neither a record of it nor a freed slot may remain.
        AuditTrail.writeAfterCommit(session, record);
        if (capSlot != null) {
            AfterCommit.of(session, ImpersonationExchangeProviderFactory.ID, "releasing an actor's slot of an ended impersonation")
                    .inRealm(realm.getId(), (s, r) -> new ActorCap(s).release(capSlot));
        }
        return true;
    }

    private static Map<String, Object> json(ActiveImpersonations.Entry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sessionId", e.sessionId());
        json.put("impersonatorId", e.actorId());
        json.put("impersonator", e.actorUsername());
        json.put("clientId", e.clientId());
        json.put("userId", e.targetId());
        json.put("username", e.targetUsername());
        json.put("reason", e.reason());
        json.put("started", Instant.ofEpochSecond(e.startedSeconds()).toString());
        json.put("expires", Instant.ofEpochSecond(e.expiresSeconds()).toString());
        return json;
    }
}
