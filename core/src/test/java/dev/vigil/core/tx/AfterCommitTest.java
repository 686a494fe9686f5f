package dev.vigil.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.core.Fakes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;

class AfterCommitTest {

    private static final String SECRET = "123456";

    private final List<KeycloakTransaction> enlisted = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();
    private final Worker worker = new Worker();
    private final List<String> executorNames = new ArrayList<>();
    private final KeycloakSessionFactory factory = Fakes.of(KeycloakSessionFactory.class, Map.of());
    private final RealmModel realm = Fakes.of(RealmModel.class, Map.of("getId", a -> "r1"));
    private final List<RealmModel> contextRealms = new ArrayList<>();
    private final KeycloakSession jobSession = Fakes.of(KeycloakSession.class, Map.of(
            "realms", a -> Fakes.of(RealmProvider.class, Map.of("getRealm", id -> "r1".equals(id[0]) ? realm : null)),
            "getContext", a -> Fakes.of(KeycloakContext.class, Map.of("setRealm", r -> {
                contextRealms.add((RealmModel) r[0]);
                return null;
            }))));
    private int transactionsOpened;
    private final KeycloakSession request = Fakes.of(KeycloakSession.class, Map.of(
            "getKeycloakSessionFactory", a -> factory,
            "getTransactionManager", a -> Fakes.of(KeycloakTransactionManager.class, Map.of("enlistAfterCompletion", tx -> {
                enlisted.add((KeycloakTransaction) tx[0]);
                return null;
            })),
            "getProvider", type -> Fakes.of(ExecutorsProvider.class, Map.of("getExecutor", name -> {
                executorNames.add((String) name[0]);
                return worker;
            }))));

    private AfterCommit job() {
        return new AfterCommit(request, "vigil-test", "doing the test's job", (f, task) -> {
            assertThat(f).isSameAs(factory);
            transactionsOpened++;
            task.run(jobSession);
        }, reported::add);
    }

    private void commit() {
        enlisted.forEach(tx -> {
            tx.begin();
            tx.commit();
        });
    }

    private void rollback() {
        enlisted.forEach(tx -> {
            tx.begin();
            tx.rollback();
        });
    }

    @Test
    void runsOnceAfterCommitAndNotBefore() {
        List<String> ran = new ArrayList<>();
        job().run(() -> ran.add("job"));
        assertThat(ran).isEmpty();
        assertThat(enlisted).hasSize(1);
        commit();
        assertThat(ran).containsExactly("job");
        assertThat(transactionsOpened).isZero();
        assertThat(reported).isEmpty();
    }

    @Test
    void aGateDecidesWhenTheCommittedJobStartsAndARollbackNeverReachesIt() {
        List<String> ran = new ArrayList<>();
        List<Runnable> held = new ArrayList<>();
        job().gatedBy(held::add).run(() -> ran.add("job"));
        commit();
        assertThat(ran).as("committed, but the gate holds it").isEmpty();
        assertThat(held).hasSize(1);
        held.get(0).run();
        assertThat(ran).containsExactly("job");

        enlisted.clear();
        job().gatedBy(held::add).run(() -> ran.add("rolled back"));
        rollback();
        assertThat(held).hasSize(1);
    }

    @Test
    void nothingRunsOnRollback() {
        List<String> ran = new ArrayList<>();
        job().run(() -> ran.add("run"));
        job().withFactory(f -> ran.add("withFactory"));
        job().inRealm("r1", (s, r) -> ran.add("inRealm"));
        job().onExecutor("vigil-test-worker").run(() -> ran.add("onExecutor"));
        rollback();
        assertThat(ran).isEmpty();
        assertThat(worker.queued).isEmpty();
        assertThat(transactionsOpened).isZero();
        assertThat(reported).isEmpty();
    }

    @Test
    void withFactoryHandsTheRequestsSessionFactory() {
        List<KeycloakSessionFactory> seen = new ArrayList<>();
        job().withFactory(seen::add);
        commit();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isSameAs(factory);
    }

    @Test
    void inRealmRunsInATransactionOfItsOwnWithTheRealmSet() {
        List<Object> seen = new ArrayList<>();
        job().inRealm("r1", (s, r) -> {
            seen.add(s);
            seen.add(r);
            assertThat(contextRealms).hasSize(1);
            assertThat(contextRealms.get(0)).isSameAs(realm);
        });
        commit();
        assertThat(transactionsOpened).isEqualTo(1);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isSameAs(jobSession);
        assertThat(seen.get(1)).isSameAs(realm);
    }

    @Test
    void inRealmSkipsARealmThatIsGone() {
        List<String> ran = new ArrayList<>();
        job().inRealm("deleted", (s, r) -> ran.add("job"));
        commit();
        assertThat(transactionsOpened).isEqualTo(1);
        assertThat(ran).isEmpty();
        assertThat(contextRealms).isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void onExecutorRunsOnTheNamedWorkerNotOnTheCommittingThread() {
        List<String> ran = new ArrayList<>();
        job().onExecutor("vigil-test-worker").inRealm("r1", (s, r) -> ran.add(Thread.currentThread().getName()));
        assertThat(executorNames).containsExactly("vigil-test-worker");
        commit();
        assertThat(ran).isEmpty();
        assertThat(worker.queued).hasSize(1);
        worker.runAll();
        assertThat(ran).hasSize(1);
        assertThat(transactionsOpened).isEqualTo(1);
    }

    @Test
    void aFailureIsReportedWithoutItsMessageAndNotThrown() {
        job().run(() -> {
            throw new IllegalStateException("code " + SECRET + " was wrong", new RuntimeException(SECRET));
        });
        assertThatCode(this::commit).doesNotThrowAnyException();
        assertThat(reported).containsExactly(
                "vigil-test: doing the test's job failed: IllegalStateException (caused by RuntimeException)");
    }

    @Test
    void aFailureOnTheWorkerIsReportedThere() {
        job().onExecutor("vigil-test-worker").inRealm("r1", (s, r) -> {
            throw new IllegalArgumentException(SECRET);
        });
        commit();
        assertThat(reported).isEmpty();
        assertThatCode(worker::runAll).doesNotThrowAnyException();
        assertThat(reported).containsExactly("vigil-test: doing the test's job failed: IllegalArgumentException");
    }

    @Test
    void aRefusingExecutorIsReportedAndTheCommitGoesOn() {
        worker.refuse = true;
        job().onExecutor("vigil-test-worker").run(() -> {
        });
        assertThatCode(this::commit).doesNotThrowAnyException();
        assertThat(reported).containsExactly("vigil-test: doing the test's job failed: RejectedExecutionException");
    }

    @Test
    void laterJobsRunAfterAFailedOneInTheirOrder() {
        List<String> ran = new ArrayList<>();
        job().run(() -> ran.add("first"));
        job().run(() -> {
            throw new IllegalStateException();
        });
        job().run(() -> ran.add("third"));
        commit();
        assertThat(ran).containsExactly("first", "third");
        assertThat(reported).hasSize(1);
    }

    @Test
    void runNowUsesATransactionOfItsOwnAndReportsFailures() {
        List<RealmModel> seen = new ArrayList<>();
        job().runNow(factory, "r1", (s, r) -> seen.add(r));
        job().runNow(factory, "r1", (s, r) -> {
            throw new IllegalStateException(SECRET);
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isSameAs(realm);
        assertThat(transactionsOpened).isEqualTo(2);
        assertThat(reported).containsExactly("vigil-test: doing the test's job failed: IllegalStateException");
        assertThat(enlisted).isEmpty();
    }

    /** An executor that keeps its tasks until the test runs them. */
    private static final class Worker extends AbstractExecutorService {
        final List<Runnable> queued = new ArrayList<>();
        boolean refuse;

        void runAll() {
            List<Runnable> tasks = new ArrayList<>(queued);
            queued.clear();
            tasks.forEach(Runnable::run);
        }

        @Override
        public void execute(Runnable command) {
            if (refuse) {
                throw new RejectedExecutionException(SECRET);
            }
            queued.add(command);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
