package dev.vigil.benchmarks;

import java.util.List;

/**
 * What one scenario hands to the summary report.
 *
 * @param detailReport file name of the scenario's own detailed report in the work directory (target/)
 * @param extraVerdicts targets that are not ratios of a pair (the code-timing KS test)
 * @param problems     why the run is invalid (failed requests, a canary not seen, ...); empty when valid
 * @param backend      the database when not the default H2 ("postgres"), else empty
 */
record ScenarioResult(String id, String title, String detailReport, List<PairResult> pairs,
                      List<Verdict> extraVerdicts, List<String> problems, String backend) {

    ScenarioResult {
        pairs = List.copyOf(pairs);
        extraVerdicts = List.copyOf(extraVerdicts);
        problems = List.copyOf(problems);
    }

    ScenarioResult(String id, String title, String detailReport, List<PairResult> pairs, List<Verdict> extraVerdicts,
                   List<String> problems) {
        this(id, title, detailReport, pairs, extraVerdicts, problems, "");
    }

    /** The same result, run on {@code backend}. */
    ScenarioResult on(String backend) {
        return new ScenarioResult(id, title, detailReport == null ? null : Report.onBackend(detailReport, backend),
                pairs.stream().map(p -> p.withIdSuffix("-" + backend)).toList(), extraVerdicts, problems, backend);
    }

    /** A scenario that could not run at all. */
    static ScenarioResult failed(String id, String title, Throwable failure) {
        return new ScenarioResult(id, title, null, List.of(), List.of(), List.of("did not run: " + failure));
    }

    boolean valid() {
        return problems.isEmpty();
    }
}
