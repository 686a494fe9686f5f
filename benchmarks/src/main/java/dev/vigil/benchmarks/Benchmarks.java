package dev.vigil.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry point of {@code -Pbenchmark}: runs the benchmark named by {@code -Dvigil.bench}
 * ({@value #DEFAULT} when not given, so the documented command keeps doing what it did).
 */
public final class Benchmarks {

    static final String PROPERTY = "vigil.bench";
    static final String DEFAULT = "code-timing";

    private Benchmarks() {
    }

    interface Benchmark {
        void run(String[] args) throws Exception;
    }

    static Map<String, Benchmark> all() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        all.put("code-timing", CodeRequestTimingBenchmark::main);
        all.put("refresh", RefreshThroughputBenchmark::main);
        all.put("impersonation", ImpersonationExchangeBenchmark::main);
        return all;
    }

    public static void main(String[] args) throws Exception {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            name = DEFAULT;
        }
        Benchmark benchmark = all().get(name.trim());
        if (benchmark == null) {
            throw new IllegalArgumentException("Unknown " + PROPERTY + " '" + name + "'; valid values: "
                    + String.join(", ", all().keySet()));
        }
        benchmark.run(args);
    }
}
