package dev.vigil.authenticators;

import dev.vigil.authenticators.emailotp.EmailOtpConfigProperties;
import dev.vigil.authenticators.stepup.StepUpConfigProperties;
import dev.vigil.core.config.DocsOptionsTable;
import org.junit.jupiter.api.Test;

/** The options tables of the docs pages list exactly the options the code defines, with the same defaults. */
class OptionsDocsTest {

    @Test
    void emailCodeOptions() {
        DocsOptionsTable.assertMatches("docs/email-codes.md", "## Options", EmailOtpConfigProperties.OPTIONS);
    }

    @Test
    void stepUpOptions() {
        DocsOptionsTable.assertMatches("docs/step-up.md", "## Options", StepUpConfigProperties.OPTIONS);
    }
}
