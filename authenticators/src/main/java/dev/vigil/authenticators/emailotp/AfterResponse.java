package dev.vigil.authenticators.emailotp;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds a request's background job until the request's transaction has committed <b>and</b> its
 * response has been written. Keycloak commits in a response filter, before the page is written: a job
 * started at commit (a cold user load, the mail) would compete with the rest of that response for the
 * CPU, and the response time would tell whether an account exists. Started once the response has ended,
 * the job's work falls after the answer, for every address alike. Nothing runs when the transaction
 * rolls back. Outside a Vert.x request (or if the request cannot be reached) the job starts at commit.
 *
 * <p>"Written" means handed to the kernel, not read by the client: a job that starts at that instant
 * competes with the client's own read where both share CPUs (a client on the server's machine, a
 * proxy beside it). The job therefore starts {@link #DELAY_MILLIS} after the end of the response, a
 * Vert.x timer, no thread held.
 */
final class AfterResponse {

    /** The end of the current HTTP response; a fake in tests. */
    interface ResponseEnd {
        /** Calls {@code action} once when the response has been written, or has failed or been closed. */
        void whenEnded(Runnable action);

        boolean ended();
    }

    /** How long after the end of the response the job starts; a mail that arrives this much later is not noticed. */
    static final long DELAY_MILLIS = 25;
    private static final Logger LOG = Logger.getLogger(AfterResponse.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final AtomicBoolean responseEnded = new AtomicBoolean();
    private final AtomicReference<Runnable> committed = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();

    private AfterResponse() {
    }

    /** Watches the current request's response; call on the request thread, before the response is written. */
    static AfterResponse ofCurrentRequest() {
        return watching(currentResponse());
    }

    /** @param response the response to wait for, or null to start jobs at commit */
    static AfterResponse watching(ResponseEnd response) {
        AfterResponse gate = new AfterResponse();
        if (response == null) {
            gate.responseEnded.set(true);
        } else {
            response.whenEnded(gate::responseEnded);
            if (response.ended()) {
                gate.responseEnded();
            }
        }
        return gate;
    }

    /** The transaction committed: {@code job} runs now if the response has ended, else as soon as it has. */
    void committed(Runnable job) {
        if (committed.compareAndSet(null, job)) {
            startIfReady();
        }
    }

    private void responseEnded() {
        responseEnded.set(true);
        startIfReady();
    }

    private void startIfReady() {
        Runnable job = committed.get();
        if (job != null && responseEnded.get() && started.compareAndSet(false, true)) {
            job.run();
        }
    }

    private static ResponseEnd currentResponse() {
        try {
            Instance<RoutingContext> instance = CDI.current().select(RoutingContext.class);
            if (!instance.isResolvable()) {
                return warnOnce("no HTTP request in this context");
            }
            RoutingContext routing = instance.get();
            // Touch it now, on the request thread: a proxy of a request-scoped bean fails here, not later
            // (and in the end handler, where the request's context is gone, it would fail).
            routing.response();
            io.vertx.core.Vertx vertx = routing.vertx();
            return new ResponseEnd() {
                @Override
                public void whenEnded(Runnable action) {
                    routing.addEndHandler(result -> vertx.setTimer(DELAY_MILLIS, timer -> action.run()));
                }

                @Override
                public boolean ended() {
                    return routing.response().ended();
                }
            };
        } catch (RuntimeException | LinkageError e) {
            return warnOnce(e.getClass().getSimpleName());
        }
    }

    private static ResponseEnd warnOnce(String why) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warnf("vigil-email-otp: cannot wait for the end of HTTP responses (%s); background work starts at "
                    + "commit, and response times may tell whether an account exists", why);
        }
        return null;
    }
}
