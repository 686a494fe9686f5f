package dev.vigil.core.tx;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The one way the pack does work once the request's transaction has committed: nothing runs when it
 * rolls back; the job runs on the committing thread or, with {@link #onExecutor}, on one of Keycloak's
 * named executors; {@link #inRealm} gives it a Keycloak session and transaction of its own with the
 * realm in the context; a failure is logged (component, task and exception class only: a message can
 * quote a code, a token or an SMTP answer) and never thrown into the request.
 *
 * <pre>{@code
 * AfterCommit.of(session, "vigil-trusted-devices", "ending the trusted devices of a user")
 *         .inRealm(realmId, (s, realm) -> ...);
 * }</pre>
 */
public final class AfterCommit {

    /** Work in a Keycloak session and transaction of its own, with {@code realm} set in the session's context. */
    @FunctionalInterface
    public interface RealmJob {
        void run(KeycloakSession session, RealmModel realm);
    }

    /** Opens a session and transaction, runs the task, commits (rolls back when it throws). */
    @FunctionalInterface
    interface Transactions {
        Transactions KEYCLOAK = KeycloakModelUtils::runJobInTransaction;

        void run(KeycloakSessionFactory factory, KeycloakSessionTask task);
    }

    /** Where a failed job is reported; the default is this class's log at ERROR. */
    @FunctionalInterface
    interface Failures {
        Failures LOG = line -> Logger.getLogger(AfterCommit.class).error(line);

        void report(String line);
    }

    private final KeycloakSession session;
    private final String component;
    private final String task;
    private final Transactions transactions;
    private final Failures failures;
    private String executorName;
    private Consumer<Runnable> gate = Runnable::run;

    AfterCommit(KeycloakSession session, String component, String task, Transactions transactions, Failures failures) {
        this.session = session;
        this.component = component;
        this.task = task;
        this.transactions = transactions;
        this.failures = failures;
    }

    /**
     * @param component who runs the job, first on the log line (e.g. {@code vigil-refresh-reuse})
     * @param task      what the job does, for the log line; never put a secret or a user's input here
     */
    public static AfterCommit of(KeycloakSession session, String component, String task) {
        return new AfterCommit(session, component, task, Transactions.KEYCLOAK, Failures.LOG);
    }

    /** Runs the job on Keycloak's executor of this name (off the request thread) instead of the committing thread. */
    public AfterCommit onExecutor(String name) {
        this.executorName = name;
        return this;
    }

    /**
     * After commit, hands the job's start to {@code gate}, which runs it later (for example once the HTTP response
     * is written: Keycloak commits before it writes the page). The default starts it at once.
     */
    public AfterCommit gatedBy(Consumer<Runnable> gate) {
        this.gate = gate;
        return this;
    }

    /** Runs {@code job} after commit, without a transaction of its own. */
    public void run(Runnable job) {
        enlist(factory -> job.run());
    }

    /** Runs {@code job} after commit; it opens the transactions it needs from the factory. */
    public void withFactory(Consumer<KeycloakSessionFactory> job) {
        enlist(job);
    }

    /** Runs {@code job} after commit in a transaction of its own with the realm set; nothing when the realm is gone. */
    public void inRealm(String realmId, RealmJob job) {
        enlist(factory -> inTransaction(factory, realmId, job));
    }

    /**
     * Runs {@code job} now, on this thread, in a transaction of its own with the realm set; a failure is
     * reported like an after-commit job's. For work that already runs after a commit (on a worker).
     */
    public static void now(KeycloakSessionFactory factory, String component, String task, String realmId, RealmJob job) {
        new AfterCommit(null, component, task, Transactions.KEYCLOAK, Failures.LOG).runNow(factory, realmId, job);
    }

    void runNow(KeycloakSessionFactory factory, String realmId, RealmJob job) {
        guarded(factory, f -> inTransaction(f, realmId, job));
    }

    private void inTransaction(KeycloakSessionFactory factory, String realmId, RealmJob job) {
        transactions.run(factory, s -> inRealm(s, realmId, job));
    }

    private static void inRealm(KeycloakSession s, String realmId, RealmJob job) {
        RealmModel realm = s.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        s.getContext().setRealm(realm);
        job.run(s, realm);
    }

    private void enlist(Consumer<KeycloakSessionFactory> job) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        // Looked up now: the request's session is closed by the time a worker runs.
        Executor executor = executorName == null ? Runnable::run
                : session.getProvider(ExecutorsProvider.class).getExecutor(executorName);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                gate.accept(() -> {
                    try {
                        executor.execute(() -> guarded(factory, job));
                    } catch (RuntimeException e) {
                        // A full or shut-down executor: the job is lost, the request is not.
                        report(e);
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
                // A rolled-back request did nothing the job could follow up on.
            }
        });
    }

    private void guarded(KeycloakSessionFactory factory, Consumer<KeycloakSessionFactory> job) {
        try {
            job.accept(factory);
        } catch (RuntimeException e) {
            report(e);
        }
    }

    private void report(RuntimeException e) {
        // Never the message: it can quote what was typed, a token or the SMTP server's answer.
        failures.report(component + ": " + task + " failed: " + e.getClass().getSimpleName()
                + (e.getCause() == null ? "" : " (caused by " + e.getCause().getClass().getSimpleName() + ")"));
    }
}
