package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AfterResponseTest {

    /** A response that ends when the test says so. */
    private static final class FakeResponse implements AfterResponse.ResponseEnd {
        private final List<Runnable> handlers = new ArrayList<>();
        private boolean ended;

        @Override
        public void whenEnded(Runnable action) {
            handlers.add(action);
        }

        @Override
        public boolean ended() {
            return ended;
        }

        void end() {
            ended = true;
            handlers.forEach(Runnable::run);
        }
    }

    @Test
    void aJobCommittedBeforeTheResponseIsWrittenWaitsForItsEnd() {
        FakeResponse response = new FakeResponse();
        AtomicInteger runs = new AtomicInteger();
        AfterResponse gate = AfterResponse.watching(response);

        gate.committed(runs::incrementAndGet);
        assertThat(runs).hasValue(0);

        response.end();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCommitAfterTheResponseEndedRunsAtOnce() {
        FakeResponse response = new FakeResponse();
        AtomicInteger runs = new AtomicInteger();
        AfterResponse gate = AfterResponse.watching(response);
        response.end();

        gate.committed(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }

    @Test
    void aResponseThatEndedBeforeItWasWatchedDoesNotHoldTheJobForever() {
        FakeResponse response = new FakeResponse();
        response.end();
        AtomicInteger runs = new AtomicInteger();

        AfterResponse.watching(response).committed(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }

    @Test
    void withoutAResponseToWaitForTheJobRunsAtCommit() {
        AtomicInteger runs = new AtomicInteger();

        AfterResponse.watching(null).committed(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }

    @Test
    void withoutACommitNothingRunsWhenTheResponseEnds() {
        FakeResponse response = new FakeResponse();
        AfterResponse.watching(response);

        response.end();

        assertThat(response.handlers).hasSize(1);
    }

    @Test
    void theJobRunsOnceAndOnlyTheFirstCommittedJobRuns() {
        FakeResponse response = new FakeResponse();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        AfterResponse gate = AfterResponse.watching(response);

        gate.committed(first::incrementAndGet);
        gate.committed(second::incrementAndGet);
        response.end();
        response.end();

        assertThat(first).hasValue(1);
        assertThat(second).hasValue(0);
    }
}
