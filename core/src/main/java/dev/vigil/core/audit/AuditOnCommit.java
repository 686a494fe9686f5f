package dev.vigil.core.audit;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * Holds audit records until the Keycloak transaction commits and drops them on rollback, so the
 * trail never reports something the database does not have.
 */
public final class AuditOnCommit extends AbstractKeycloakTransaction {

    private final List<AuditRecord> pending = new ArrayList<>();

    private AuditOnCommit() {
    }

    /** A new holder enlisted to run after the session's transaction completes. */
    public static AuditOnCommit enlist(KeycloakSession session) {
        AuditOnCommit tx = new AuditOnCommit();
        session.getTransactionManager().enlistAfterCompletion(tx);
        return tx;
    }

    public void add(AuditRecord record) {
        pending.add(record);
    }

    @Override
    protected void commitImpl() {
        pending.forEach(AuditTrail::write);
        pending.clear();
    }

    @Override
    protected void rollbackImpl() {
        pending.clear();
    }
}
