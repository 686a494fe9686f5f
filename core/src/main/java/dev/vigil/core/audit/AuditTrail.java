package dev.vigil.core.audit;

import dev.vigil.core.tx.AfterCommit;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * The audit trail: one JSON line per record in the log category {@value #CATEGORY}. Every Vigil
 * feature writes its records here, so operators route one category to their SIEM.
 */
public final class AuditTrail {

    public static final String CATEGORY = "vigil.audit";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private AuditTrail() {
    }

    public static void write(AuditRecord record) {
        LOG.info(AuditJson.render(record));
    }

    /**
     * Writes the record once the session's transaction commits and never when it rolls back, so the
     * trail does not report something the database does not have.
     */
    public static void writeAfterCommit(KeycloakSession session, AuditRecord record) {
        AfterCommit.of(session, "vigil-audit", "writing an audit record").run(() -> write(record));
    }
}
