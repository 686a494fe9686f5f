package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequesterTextTest {

    @Test
    void anOrdinaryUserAgentStaysAsItIs() {
        String agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
        assertThat(RequesterText.userAgent(agent)).isEqualTo(agent);
    }

    @Test
    void lineBreaksAndOtherControlCharactersCannotAddLines() {
        assertThat(RequesterText.userAgent("curl/8\r\n\r\nYour code is 123456\u0007\u0000"))
                .isEqualTo("curl/8 Your code is 123456").doesNotContain("\n", "\r");
    }

    @Test
    void bidirectionalOverridesAndZeroWidthCharactersAreRemoved() {
        assertThat(RequesterText.userAgent("Safe\u202Egnp.exe\u200B")).isEqualTo("Safegnp.exe");
    }

    @Test
    void aLongUserAgentIsShortenedWithAnEllipsis() {
        String shortened = RequesterText.userAgent("x".repeat(5000));
        assertThat(shortened).hasSize(RequesterText.MAX_USER_AGENT).endsWith("\u2026");
    }

    @Test
    void shorteningNeverSplitsACharacter() {
        String shortened = RequesterText.userAgent("x".repeat(158) + "\uD83D\uDE00\uD83D\uDE00");
        assertThat(shortened.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)).isTrue();
        assertThat(shortened).endsWith("\u2026");
    }

    @Test
    void noHeaderIsAnEmptyText() {
        assertThat(RequesterText.userAgent(null)).isEmpty();
        assertThat(RequesterText.userAgent("\r\n\t")).isEmpty();
    }
}
