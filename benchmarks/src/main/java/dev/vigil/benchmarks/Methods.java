package dev.vigil.benchmarks;

/** The "how it was measured" section of BENCHMARKS.md: definitions that every number above depends on. */
final class Methods {

    private Methods() {
    }

    static final String TEXT = """
            ## How it is measured

            - **Cycles.** Each pair runs its modes in cycles of one round each, the order reversed every other
              cycle (A B A', A' B A, ...), at least 10 cycles, on one machine in one run, after a warm-up that
              stops when the last 3 windows of 5 s of every mode agree within 5 % (or at its cap, which the pair's
              note then names). A' is the baseline again: the **control**, whose ratio to the baseline is 1 by
              construction and whose interval is the run's noise floor. Machines are shared and noisy: the
              ratios are the result, absolute numbers only context.
            - **Intervals and verdicts.** A ratio is mean(measured) / mean(baseline) of the per-cycle values
              (a round's CPU per request, p50, p99 or throughput); its 95 % interval is the 2.5th and 97.5th
              percentile of that ratio over 10 000 bootstrap resamples of whole cycles (commons-math3
              Well19937c, fixed seed). MET only when the whole interval lies inside the target, MISSED only
              when wholly outside, otherwise UNDECIDED; a pair with an UNDECIDED target adds cycles by itself up
              to 300 s. Every percentile is HdrHistogram's (3 significant digits). Mode tables pool all
              requests of a mode. Details: [docs/benchmarks.md](docs/benchmarks.md).
            - **Keycloak CPU per request**, every pair's primary figure: CPU time (user + system, all threads)
              of the Keycloak process tree (launcher and JVM, /proc through `ProcessHandle`) over a round,
              divided by the requests it completed; on PostgreSQL Keycloak's only, not the database's.
            - **Load driver.** A small Java driver in `benchmarks/` (threads, Nimbus OAuth SDK and the JDK HTTP
              client, keep-alive, loopback only, bounded in time, stops by itself); latencies go into
              [HdrHistogram](https://github.com/HdrHistogram/HdrHistogram) for the distributions and plots, and
              raw per-request values into CSV. Gatling's Java DSL, which Keycloak's own benchmark uses, resolves
              from Maven Central here (`gatling-charts-highcharts` 3.13.5: 97 jars with Scala 2.13 and Netty 4.1), but fits badly: every
              pair must switch the server between rounds of one run (a listener, a second server) and read
              Keycloak's CPU around each round, and the login flows read codes from the SMTP sink and compute
              TOTPs; Gatling runs one simulation per engine start with its own reports, so each round would be a
              separate simulation whose results we would parse back. The harness's own clients already do these
              flows.
            - **Saturation** (refresh, client credentials, impersonation): each thread sends its next request
              when the previous one answered. Latency is the client's wall time of one request.
            - **Fixed rate** (refresh fixed-rate pair, logins): requests are scheduled at a constant rate
              whatever the answers; latency runs from the scheduled start, so a server that falls behind shows
              it in the latency (no coordinated omission). Throughput is then the rate achieved.
            - **CPU per login** includes request handling, password hashing, mail rendering and SMTP, GC and
              JIT. A login is the whole flow from the authorization request to the token response, so
              an email-code login includes its extra round trip (the code form) and the mail it sends, and the
              TOTP login its OTP form; the SMTP sink and the driver run in another JVM and are not counted.
              The target compares the email-code login (the code as the only factor: address form, mail, code
              form) with the password login: the code step hashes no password. Password + email code and
              password + TOTP contain a password login and are shown for context, without a target.
              Keycloak's idle CPU during the round is included in every mode alike.
            - **Other processes** = the machine's busy CPU (/proc/stat) less that of the benchmark JVM and the
              Keycloak servers it started.
            - **Client credentials**: two installs of the same distribution started side by side, one with the
              Vigil jar in `providers/` and one without (both `start --optimized`, same realm); only one gets
              load in a round, and the idle one's CPU is reported.
            - **Settings the scenarios need**: the login realm allows TOTP code reuse (`otpPolicyCodeReusable`,
              so a few users can log in many times per 30 s; it skips Keycloak's single-use check) and raises
              the email-code mail limits as high as they go (100 per address, 1000 per IP, per minute);
              brute-force detection is off in every realm.

            """;
}
