package dev.vigil.events.refresh;

import dev.vigil.core.config.ExecutorConfig;
import java.util.Map;

/** The executor's options as the admin console saves them ({@link RefreshPolicyConfigProperties}). */
public class RefreshPolicyExecutorConfig extends ExecutorConfig<RefreshPolicy> {

    @Override
    protected String providerId() {
        return RefreshPolicyExecutorFactory.ID;
    }

    @Override
    protected RefreshPolicy read(Map<String, String> options) {
        return RefreshPolicy.fromOptions(options);
    }

    public RefreshPolicy toPolicy() {
        return settings();
    }
}
