package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DeferredWorkTest {

    private static RoundResult round(int number, String mode, double cpu) {
        return new RoundResult(number, mode, 5, new double[1000], new double[1000], 0, 0.0, cpu, 1);
    }

    @Test
    void theDeferredWorkOfACycleIsChargedToItsOwnerAndTakenOutOfTheRoundsItFellInto() {
        List<RoundResult> cycle = List.of(round(1, "standard", 6.5), round(2, "vigil", 3.0), round(3, "standard-again", 6.0));
        // 4 s of ends fell into the first round, 3.5 s into the third, 0.5 s into settling phases.
        List<RoundResult> charged = Alternation.charge(cycle, new double[] {4.0, 0.0, 3.5}, 8.0, "vigil");
        assertThat(charged).extracting(RoundResult::serverCpuSeconds).containsExactly(2.5, 11.0, 2.5);
        assertThat(charged.stream().mapToDouble(RoundResult::serverCpuSeconds).sum())
                .as("what the rounds measured, plus the settling phases' share").isCloseTo(15.5 + 0.5, within(1e-9));
        assertThat(charged.get(1).cpuMillisPerRequest()).isCloseTo(11.0, within(1e-9));
        assertThat(charged).extracting(RoundResult::modeLabel).containsExactly("standard", "vigil", "standard-again");
    }

    @Test
    void aThreadsCpuIsReadFromItsStatLineByItsLinuxName() {
        String stat = "4242 (vigil-impersona) S 4100 4100 4100 0 -1 1077936192 1200 0 0 0 731 269 0 0 20 0 1 0 98765 0 0";
        assertThat(MachineLoad.threadTicks(stat, "vigil-impersona")).isEqualTo(1000);
        assertThat(MachineLoad.threadTicks(stat, "executor-thread")).isEqualTo(-1);
        assertThat(MachineLoad.threadTicks("4243 (a) b) R 1 1 1 0 -1 0 0 0 0 0 5 6 0", "a) b")).as("a name with a parenthesis")
                .isEqualTo(11);
    }

    @Test
    void aLivingThreadOfTheProcessIsFoundByNameAndAnEndedOneIsNot() throws Exception {
        Thread ended = new Thread(() -> { }, "deferred-ended");
        ended.start();
        ended.join();
        assertThat(MachineLoad.threadCpuSeconds(ProcessHandle.current(), "deferred-ended")).isNaN();
        CountDownLatch release = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deferred-sleeper-with-a-long-name");
        sleeper.start();
        try {
            while (sleeper.getState() != Thread.State.WAITING) {
                // its Linux name is set before run() starts
                Thread.onSpinWait();
            }
            assertThat(MachineLoad.threadCpuSeconds(ProcessHandle.current(), "deferred-sleeper-with-a-long-name"))
                    .as("found by the first 15 characters").isGreaterThanOrEqualTo(0.0);
        } finally {
            release.countDown();
        }
    }
}
