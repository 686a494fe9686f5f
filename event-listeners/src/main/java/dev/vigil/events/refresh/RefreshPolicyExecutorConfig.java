package dev.vigil.events.refresh;

import dev.vigil.core.config.ExecutorConfig;

/** The executor's options as the admin console saves them ({@link RefreshPolicyConfigProperties}). */
public class RefreshPolicyExecutorConfig extends ExecutorConfig<RefreshPolicy> {

    public RefreshPolicyExecutorConfig() {
        super(RefreshPolicyExecutorFactory.ID, RefreshPolicy::fromOptions);
    }

    public RefreshPolicy toPolicy() {
        return settings();
    }
}
