package dev.vigil.exchange;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The running impersonations, one narrow row each in Vigil's table ({@code VIGIL_IMPERSONATION}, in Keycloak's
 * database): what the live list shows and what the kill switch needs (the token's id, the actor's cap slot).
 * Written in the request's own transaction, so the row is committed before the token is returned and is seen
 * by every node and after any restart. Plain SQL through Keycloak's entity manager (no entity to register).
 */
final class ImpersonationRecords {

    static final String TABLE = "VIGIL_IMPERSONATION";
    /** {@code org.hibernate.jpa.HibernateHints.HINT_NATIVE_SPACES}: the tables a native query touches. */
    static final String NATIVE_SPACES = "org.hibernate.query.native.spaces";
    private static final String COLUMNS = "ID, REALM_ID, ACTOR_ID, ACTOR_USERNAME, CLIENT_ID, TARGET_ID, TARGET_USERNAME,"
            + " REASON, STARTED, EXPIRES, CAP_SLOT";

    /** One impersonation; {@code id} is its token's {@code jti}. Times in seconds of Keycloak's clock. */
    record Row(String id, String realmId, String actorId, String actorUsername, String clientId, String targetId,
               String targetUsername, String reason, long started, long expires, String capSlot) {
    }

    /** The schema-qualified name, found once (Keycloak's schema does not change while it runs). */
    private static volatile String qualifiedTable;

    private final EntityManager em;
    private final String table;

    private ImpersonationRecords(EntityManager em) {
        this.em = em;
        String known = qualifiedTable;
        if (known == null) {
            known = qualified(em);
            qualifiedTable = known;
        }
        this.table = known;
    }

    static ImpersonationRecords of(KeycloakSession session) {
        return new ImpersonationRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    void insert(Row row) {
        sql("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, row.id()).setParameter(2, row.realmId()).setParameter(3, row.actorId())
                .setParameter(4, row.actorUsername()).setParameter(5, row.clientId()).setParameter(6, row.targetId())
                .setParameter(7, row.targetUsername()).setParameter(8, row.reason()).setParameter(9, row.started())
                .setParameter(10, row.expires()).setParameter(11, row.capSlot())
                .executeUpdate();
    }

    /** The realm's impersonations whose token has not expired at {@code nowSeconds}, oldest first. */
    List<Row> running(String realmId, long nowSeconds) {
        List<?> rows = sql("SELECT " + COLUMNS + " FROM " + table
                        + " WHERE REALM_ID = ?1 AND EXPIRES > ?2 ORDER BY STARTED, ID")
                .setParameter(1, realmId).setParameter(2, nowSeconds).getResultList();
        List<Row> running = new ArrayList<>(rows.size());
        for (Object row : rows) {
            running.add(row((Object[]) row));
        }
        return running;
    }

    /** @return whether this call removed the row (false when another request ended it first) */
    boolean delete(String id) {
        return sql("DELETE FROM " + table + " WHERE ID = ?1").setParameter(1, id).executeUpdate() > 0;
    }

    /** Removes the rows of every impersonation whose token expired before {@code seconds}; returns how many. */
    int deleteExpiredBefore(long seconds) {
        return sql("DELETE FROM " + table + " WHERE EXPIRES < ?1").setParameter(1, seconds).executeUpdate();
    }

    /**
     * A native query on Vigil's table only. Told so (Hibernate's query-spaces hint, ignored by any other JPA
     * provider), Hibernate flushes and invalidates nothing else around it: without the hint every native write
     * makes it walk all of Keycloak's entity and collection descriptors to evict their second-level caches,
     * about a third of the insert's cost in a profile.
     */
    private Query sql(String statement) {
        return em.createNativeQuery(statement).setHint(NATIVE_SPACES, TABLE);
    }

    private static Row row(Object[] c) {
        return new Row((String) c[0], (String) c[1], (String) c[2], (String) c[3], (String) c[4], (String) c[5], (String) c[6],
                (String) c[7], ((Number) c[8]).longValue(), ((Number) c[9]).longValue(), (String) c[10]);
    }

    /** The table as Keycloak names its own in native queries: in the schema of its {@code db-schema} option, if set. */
    private static String qualified(EntityManager em) {
        Object schema = em.getEntityManagerFactory().getProperties().get("hibernate.default_schema");
        return schema == null || schema.toString().isBlank() ? TABLE : schema + "." + TABLE;
    }
}
