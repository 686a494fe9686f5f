package dev.vigil.exchange;

import dev.vigil.core.config.ExecutorConfig;
import java.util.Map;

/** The executor's options as saved ({@link ImpersonationConfigProperties}); a save is refused when they do not read. */
public class ImpersonationExecutorConfig extends ExecutorConfig<ImpersonationSettings> {

    @Override
    protected String providerId() {
        return ImpersonationExecutorFactory.ID;
    }

    @Override
    protected ImpersonationSettings read(Map<String, String> options) {
        return ImpersonationSettings.fromOptions(options);
    }

    public ImpersonationSettings toSettings() {
        return settings();
    }
}
