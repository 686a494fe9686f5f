package dev.vigil.benchmarks;

/**
 * One target row of the summary: the measured value, its spread over the repetitions of the run, the target and
 * whether it was met.
 *
 * @param low    the smallest single-repetition value (NaN when the scenario has no repetitions)
 * @param high   the largest single-repetition value
 * @param judged false in smoke mode: the numbers are shown, MET/MISSED is not claimed
 */
record Verdict(String pair, String what, double value, double low, double high, String target, boolean met,
               boolean judged, boolean noisy) {

    /**
     * NOISY when the repetitions of the run spread wider than the distance between the value and the target:
     * another run on the same machine could land on the other side.
     */
    static boolean noisy(double value, double low, double high, double threshold) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return false;
        }
        return high - low > Math.abs(value - threshold);
    }

    /** "MET", "MISSED", "MET (NOISY)", ... or "not judged (smoke)". */
    String outcome() {
        if (!judged) {
            return "not judged (smoke)";
        }
        if (Double.isNaN(value)) {
            return "MISSED (no value)";
        }
        return (met ? "MET" : "MISSED") + (noisy ? " (NOISY)" : "");
    }
}
