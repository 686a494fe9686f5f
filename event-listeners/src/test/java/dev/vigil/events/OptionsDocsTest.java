package dev.vigil.events;

import dev.vigil.core.config.DocsOptionsTable;
import dev.vigil.events.audit.AuditConfigProperties;
import dev.vigil.events.refresh.RefreshPolicyConfigProperties;
import org.junit.jupiter.api.Test;

/** The options tables of the docs pages list exactly the options the code defines, with the same defaults. */
class OptionsDocsTest {

    @Test
    void refreshExecutorOptions() {
        DocsOptionsTable.assertMatches("docs/refresh-theft.md", "## Settings", RefreshPolicyConfigProperties.OPTIONS);
    }

    @Test
    void refreshServerOptions() {
        DocsOptionsTable.assertMatches("docs/refresh-theft.md", "### Server-wide default",
                RefreshPolicyConfigProperties.SERVER_OPTIONS);
    }

    @Test
    void auditServerOptions() {
        DocsOptionsTable.assertMatches("docs/audit-trail.md", "## Server-wide options", AuditConfigProperties.OPTIONS);
    }
}
