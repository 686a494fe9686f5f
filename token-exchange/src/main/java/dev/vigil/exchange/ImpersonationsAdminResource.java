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
import org.keycloak.services.ErrorResponse;
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
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> end(@PathParam("id") String id) {
        auth.users().requireQuery();
        ImpersonationRecords.Row row = visible().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("No such impersonation"));
        return Map.of("ended", end(row) ? 1 : 0);
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> endAll() {
        auth.users().requireQuery();
        if (!session.getContext().getUri().getQueryParameters().isEmpty()) {
            // A caller who expects a filter (?actor=...) must not end every impersonation by mistake.
            throw ErrorResponse.error("DELETE on the collection ends every impersonation you may manage and takes no"
                    + " parameters; end one with DELETE .../vigil-impersonations/{id}", Response.Status.BAD_REQUEST);
        }
        int ended = 0;
        for (ImpersonationRecords.Row row : visible()) {
            // Only those the admin may manage: one they may only view is left running, not a reason to fail the rest.
            UserModel target = session.users().getUserById(realm, row.targetId());
            if (target != null && auth.users().canManage(target) && end(row)) {
                ended++;
            }
        }
        return Map.of("ended", ended);
    }

    private List<ImpersonationRecords.Row> visible() {
        return ImpersonationRecords.of(session).running(realm.getId(), clock.instant().getEpochSecond()).stream()
                .filter(r -> {
                    UserModel target = session.users().getUserById(realm, r.targetId());
                    return target != null && auth.users().canView(target);
                }).toList();
    }

    /**
     * Revokes the token (Keycloak's revoked-token store: refused by userinfo, introspection and Keycloak's own APIs
     * on every node, kept in the database until the token's expiry) and removes the row, in this request's
     * transaction; the record and the freed cap slot follow its commit.
     */
    private boolean end(ImpersonationRecords.Row row) {
        UserModel target = session.users().getUserById(realm, row.targetId());
        auth.users().requireManage(target);
        if (!ImpersonationRecords.of(session).delete(row.id())) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        session.revokedTokens().put(row.id(), Math.max(1, row.expires() - now + 1));
        AuditRecord record = AuditRecord.builder(ImpersonationExchangeProvider.AUDIT_SOURCE, "IMPERSONATION", Instant.now(clock))
                .realm(realm.getName()).userId(row.targetId()).username(row.targetUsername())
                .clientId(row.clientId())
                .detail("decision", "ended")
                .detail(ImpersonationExchangeProvider.IMPERSONATION_ID, row.id())
                .detail("impersonator", row.actorUsername())
                .detail("impersonator_id", row.actorId())
                .detail("ended_by", auth.adminAuth().getUser().getUsername())
                .build();
        // Only once the end is committed: a request that fails later rolls it back, and then neither a record of
        // it nor a freed slot may remain.
        AuditTrail.writeAfterCommit(session, record);
        if (row.capSlot() != null) {
            AfterCommit.of(session, ImpersonationExchangeProviderFactory.ID, "releasing an actor's slot of an ended impersonation")
                    .inRealm(realm.getId(), (s, r) -> new ActorCap(s).release(row.capSlot()));
        }
        return true;
    }

    private static Map<String, Object> json(ImpersonationRecords.Row r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("impersonatorId", r.actorId());
        json.put("impersonator", r.actorUsername());
        json.put("clientId", r.clientId());
        json.put("userId", r.targetId());
        json.put("username", r.targetUsername());
        json.put("reason", r.reason());
        json.put("started", Instant.ofEpochSecond(r.started()).toString());
        json.put("expires", Instant.ofEpochSecond(r.expires()).toString());
        return json;
    }
}
