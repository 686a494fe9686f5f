package dev.vigil.exchange;

import dev.vigil.core.config.DocsOptionsTable;
import org.junit.jupiter.api.Test;

/** The options table of the docs page lists exactly the options the code defines, with the same defaults. */
class OptionsDocsTest {

    @Test
    void impersonationExecutorOptions() {
        DocsOptionsTable.assertMatches("docs/impersonation.md", "## Options", ImpersonationConfigProperties.OPTIONS);
    }
}
