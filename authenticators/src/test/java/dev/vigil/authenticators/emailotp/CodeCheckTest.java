package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.authenticators.emailotp.CodeCheck.Outcome;
import dev.vigil.authenticators.emailotp.GuessBudget.Pool;
import dev.vigil.core.secrets.KeyedHash;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code acceptance rule, branch by branch, against a fake ledger. */
class CodeCheckTest {

    private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private final String context = CodeCheck.context("root-1", "tab-1", "code-1");
    private final PendingCode pending = new PendingCode("code-1", KeyedHash.of(KEY, context, "123456"),
            "a***@example.com", clock.instant(), clock.instant().plusSeconds(300));
    private final String right = KeyedHash.of(KEY, context, "123456");
    private final String wrong = KeyedHash.of(KEY, context, "123457");

    /** Budgets of one account as counters with ceilings; records what was asked. */
    private static final class FakeLedger implements CodeCheck.Ledger {
        Resolution resolution = new Resolution("user-1", "user-1", "budget-of-user-1", Pool.FIRST_FACTOR);
        boolean attemptsLeft = true;
        boolean trusted;
        final Map<Pool, Integer> left = new EnumMap<>(Map.of(Pool.FIRST_FACTOR, 2, Pool.TRUSTED_DEVICE, 1,
                Pool.SECOND_FACTOR, 1));
        final List<String> claimedKeys = new ArrayList<>();
        final Set<Pool> released = new HashSet<>();
        int trustAsked;

        @Override
        public boolean countAttempt(String codeId) {
            return attemptsLeft;
        }

        @Override
        public Resolution resolution(String codeId) {
            return resolution;
        }

        @Override
        public int claim(Pool pool, String budgetKey) {
            claimedKeys.add(pool.id() + "/" + budgetKey);
            int n = left.get(pool);
            if (n == 0) {
                return -1;
            }
            left.put(pool, n - 1);
            return n;
        }

        @Override
        public void release(Pool pool, String budgetKey, int slot) {
            released.add(pool);
            left.put(pool, left.get(pool) + 1);
        }

        @Override
        public boolean trustedDevice(String userId) {
            trustAsked++;
            return trusted;
        }
    }

    private final FakeLedger ledger = new FakeLedger();

    private CodeCheck.Result check(String submitted) {
        return CodeCheck.check(pending, submitted, clock.instant(), "stand-in", ledger);
    }

    @Test
    void theRightCodeWithinItsLifetimeIsValidAndCostsNoBudget() {
        CodeCheck.Result result = CodeCheck.check(pending, right, clock.instant().plusSeconds(299), "stand-in", ledger);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID);
        assertThat(result.resolution().userId()).isEqualTo("user-1");
        assertThat(ledger.released).containsExactly(Pool.FIRST_FACTOR);
        assertThat(ledger.left.get(Pool.FIRST_FACTOR)).isEqualTo(2);
    }

    @Test
    void aWrongCodeIsWrongAndChargedToTheAccountsBudget() {
        CodeCheck.Result result = check(wrong);
        assertThat(result.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(result.charged()).isEqualTo(Pool.FIRST_FACTOR);
        assertThat(ledger.claimedKeys).containsExactly("first-factor/budget-of-user-1");
        assertThat(ledger.left.get(Pool.FIRST_FACTOR)).isEqualTo(1);
    }

    @Test
    void theRightCodeFromAnotherAuthenticationSessionIsWrong() {
        String otherSession = CodeCheck.context("root-2", "tab-1", "code-1");
        assertThat(check(KeyedHash.of(KEY, otherSession, "123456")).outcome()).isEqualTo(Outcome.WRONG);
    }

    @Test
    void atTheEndOfItsLifetimeTheCodeIsExpiredAndNothingIsCounted() {
        assertThat(CodeCheck.check(pending, right, clock.instant().plus(Duration.ofSeconds(300)), "stand-in", ledger)
                .outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(ledger.claimedKeys).isEmpty();
    }

    @Test
    void pastItsAttemptsEvenTheRightCodeIsRefused() {
        ledger.attemptsLeft = false;
        assertThat(check(right).outcome()).isEqualTo(Outcome.EXHAUSTED);
        assertThat(ledger.released).isEmpty();
    }

    @Test
    void withoutAPendingCodeNothingMatchesAndNothingIsCounted() {
        assertThat(CodeCheck.check(null, "x", clock.instant(), "stand-in", ledger).outcome()).isEqualTo(Outcome.NO_CODE);
        assertThat(ledger.claimedKeys).isEmpty();
    }

    @Test
    void aCodeThatSignsInNobodyNeverMatchesYetCountsLikeAnyOther() {
        ledger.resolution = new Resolution("", "", "budget-of-typed", Pool.FIRST_FACTOR);
        CodeCheck.Result result = check(right);
        assertThat(result.outcome()).isEqualTo(Outcome.NO_ACCOUNT);
        assertThat(ledger.claimedKeys).containsExactly("first-factor/budget-of-typed");
        assertThat(ledger.released).isEmpty();
    }

    @Test
    void beforeTheCodeIsResolvedNothingSignsInAndTheTypedAddressIsCharged() {
        ledger.resolution = null;
        CodeCheck.Result result = check(right);
        assertThat(result.outcome()).isEqualTo(Outcome.NOT_READY);
        assertThat(ledger.claimedKeys).containsExactly("first-factor/stand-in");
    }

    @Test
    void pastTheBudgetEvenTheRightCodeFails() {
        ledger.left.put(Pool.FIRST_FACTOR, 0);
        CodeCheck.Result result = check(right);
        assertThat(result.outcome()).isEqualTo(Outcome.OVER_BUDGET);
        assertThat(ledger.trustAsked).as("asked, but this browser is not trusted").isEqualTo(1);
        assertThat(ledger.released).isEmpty();
    }

    @Test
    void aTrustedBrowserHasAPoolOfItsOwnOnceTheFirstFactorPoolIsUsedUp() {
        ledger.left.put(Pool.FIRST_FACTOR, 0);
        ledger.trusted = true;
        CodeCheck.Result wrongOne = check(wrong);
        assertThat(wrongOne.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(wrongOne.charged()).isEqualTo(Pool.TRUSTED_DEVICE);
        assertThat(check(right).outcome()).as("its pool is used up too").isEqualTo(Outcome.OVER_BUDGET);
    }

    @Test
    void aTrustedBrowserSignsInWithTheRightCodeAfterTheFirstFactorPoolIsUsedUp() {
        ledger.left.put(Pool.FIRST_FACTOR, 0);
        ledger.trusted = true;
        assertThat(check(right).outcome()).isEqualTo(Outcome.VALID);
        assertThat(ledger.released).containsExactly(Pool.TRUSTED_DEVICE);
    }

    @Test
    void theTrustedDeviceCookieIsNotAskedWhileTheFirstFactorPoolLasts() {
        ledger.trusted = true;
        check(wrong);
        assertThat(ledger.trustAsked).isZero();
    }

    @Test
    void anAddressWithoutAccountGetsNoTrustedPool() {
        ledger.resolution = new Resolution("", "", "budget-of-typed", Pool.FIRST_FACTOR);
        ledger.left.put(Pool.FIRST_FACTOR, 0);
        ledger.trusted = true;
        assertThat(check(right).outcome()).isEqualTo(Outcome.OVER_BUDGET);
        assertThat(ledger.trustAsked).isZero();
    }

    @Test
    void aSecondFactorCodeUsesTheSecondFactorPoolWhateverTheFirstFactorPoolHoldsAndNeverTheTrustedOne() {
        ledger.resolution = new Resolution("user-1", "user-1", "budget-of-user-1", Pool.SECOND_FACTOR);
        ledger.left.put(Pool.FIRST_FACTOR, 0);
        ledger.trusted = true;
        CodeCheck.Result wrongOne = check(wrong);
        assertThat(wrongOne.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(wrongOne.charged()).isEqualTo(Pool.SECOND_FACTOR);
        assertThat(check(right).outcome()).isEqualTo(Outcome.OVER_BUDGET);
        assertThat(ledger.trustAsked).isZero();
    }
}
