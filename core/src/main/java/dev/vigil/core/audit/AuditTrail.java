package dev.vigil.core.audit;

import org.jboss.logging.Logger;

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
}
