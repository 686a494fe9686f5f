package dev.vigil.exchange;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Removes the rows of impersonations whose token has expired: one statement a minute on every node (each is
 * enough; two deleting the same rows only wait for each other). A row outliving its token by a minute is
 * harmless: the live list shows only unexpired ones, and the token is dead either way.
 */
final class ExpiredImpersonations implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExpiredImpersonations.class);
    static final long PERIOD_SECONDS = 60;
    /** The benchmark charges this thread's CPU to impersonation; keep the name in step with it. */
    static final String THREAD = "vigil-impersonation-expiry";

    private final KeycloakSessionFactory factory;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private int failures;

    ExpiredImpersonations(KeycloakSessionFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, THREAD);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts once Keycloak is up (its database schema is migrated only then); called once. */
    void start() {
        timer.scheduleWithFixedDelay(this::removeExpired, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    void removeExpired() {
        try {
            int removed = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> ImpersonationRecords.of(session).deleteExpiredBefore(clock.instant().getEpochSecond()));
            LOG.debugf("Removed %d expired impersonation rows", removed);
            failures = 0;
        } catch (RuntimeException e) {
            // Keycloak's and the driver's exceptions here carry ids at most, never a token or a secret.
            if (failures == 0) {
                LOG.warn("Could not remove the rows of expired impersonations (tried again every minute)", e);
            } else if (failures % 60 == 0) {
                LOG.warnf("Could not remove the rows of expired impersonations, %d times in a row: %s", failures, e);
            }
            failures++;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
