package dev.vigil.exchange;

import dev.vigil.core.config.ExecutorConfig;

/** The executor's options as saved ({@link ImpersonationConfigProperties}); a save is refused when they do not read. */
public class ImpersonationExecutorConfig extends ExecutorConfig<ImpersonationSettings> {

    public ImpersonationExecutorConfig() {
        super(ImpersonationExecutorFactory.ID, ImpersonationSettings::fromOptions);
    }

    public ImpersonationSettings toSettings() {
        return settings();
    }
}
