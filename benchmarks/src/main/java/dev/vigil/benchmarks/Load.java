package dev.vigil.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The load of the newer scenarios: {@code workers} threads, each sending one request after the other, either as
 * fast as the server answers (saturation) or on a fixed schedule. Every request started before the end is waited
 * for and counted; the phase lasts from its start to the last answer.
 */
final class Load {

    /** How long the last requests may overrun the phase before the benchmark gives up. */
    static final Duration OVERRUN = Duration.ofSeconds(60);

    private Load() {
    }

    /**
     * What {@link Request#send} returns when it sent nothing (e.g. it waited for a free actor): neither a
     * success nor an error, and no latency. Compared by identity.
     */
    static final String NOT_SENT = new String("not sent");

    /** One request of worker {@code worker} (never called concurrently for the same worker). */
    interface Request {
        /** @return null on success, {@link #NOT_SENT} when nothing was sent, else what went wrong (no secrets) */
        String send(int worker) throws Exception;
    }

    /** The requests of one phase, all workers together. */
    static final class Phase {
        final LongList latencies = new LongList();
        final LongList completedAt = new LongList();
        int errors;
        final List<String> errorSamples = new ArrayList<>();
        long startNanos;
        long endNanos;

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        /** As a round of a pair; {@code origin} is the nanoTime the benchmark began. */
        RoundResult round(int number, String mode, long origin, double otherCores, double serverCpuSeconds, int cycle) {
            return new RoundResult(number, mode, seconds(), latencies.nanosAsMillis(), completedAt.secondsSince(origin),
                    errors, otherCores, serverCpuSeconds, cycle);
        }
    }

    /** Saturation: each worker sends its next request as soon as the previous one answered, for {@code seconds}. */
    static Phase closedLoop(ExecutorService pool, int workers, Request request, double seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        return run(pool, workers, start, end, w -> {
            Phase mine = new Phase();
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                record(mine, request, w, t0);
            }
            return mine;
        });
    }

    /**
     * A fixed rate of {@code perSecond} requests, worker {@code w} taking every {@code workers}-th slot of the
     * schedule. Latency runs from the scheduled start, so falling behind shows as latency.
     */
    static Phase fixedRate(ExecutorService pool, int workers, double perSecond, Request request, double seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        double interval = 1e9 / perSecond;
        return run(pool, workers, start, end, w -> {
            Phase mine = new Phase();
            for (long k = 0; ; k++) {
                long scheduled = start + (long) ((k * workers + w) * interval);
                if (scheduled >= end) {
                    break;
                }
                long wait = scheduled - System.nanoTime();
                while (wait > 0) {
                    // Pacing to the schedule, not waiting for a result.
                    LockSupport.parkNanos(wait);
                    wait = scheduled - System.nanoTime();
                }
                record(mine, request, w, scheduled);
            }
            return mine;
        });
    }

    private static void record(Phase mine, Request request, int worker, long t0) {
        String failure;
        try {
            failure = request.send(worker);
        } catch (Exception | AssertionError e) {
            failure = e.toString();
        }
        long t1 = System.nanoTime();
        if (failure == NOT_SENT) {
            return;
        }
        if (failure == null) {
            mine.latencies.add(t1 - t0);
            mine.completedAt.add(t1);
        } else {
            mine.errors++;
            if (mine.errorSamples.size() < 5) {
                mine.errorSamples.add("worker " + worker + ": " + failure);
            }
        }
    }

    private interface Worker {
        Phase run(int worker) throws Exception;
    }

    private static Phase run(ExecutorService pool, int workers, long start, long end, Worker body) throws InterruptedException {
        List<Future<Phase>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            futures.add(pool.submit(() -> body.run(worker)));
        }
        Phase phase = new Phase();
        phase.startNanos = start;
        for (Future<Phase> future : futures) {
            try {
                Phase mine = future.get(Math.max(0, end - System.nanoTime()) + OVERRUN.toNanos(), TimeUnit.NANOSECONDS);
                phase.latencies.addAll(mine.latencies);
                phase.completedAt.addAll(mine.completedAt);
                phase.errors += mine.errors;
                phase.errorSamples.addAll(mine.errorSamples);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a load thread failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("a request did not answer within " + OVERRUN.toSeconds()
                        + " s after the phase ended");
            }
        }
        phase.endNanos = System.nanoTime();
        return phase;
    }
}
