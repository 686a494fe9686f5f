<#ftl output_format="plainText">
${msg("vigilEmailOtpBodyIntro", realmName)}

    ${code}

${msg("vigilEmailOtpBodyLifetime", lifetimeMinutes)}

${msg("vigilEmailOtpBodyRequest", requestedAt, ipAddress, userAgent)}

${msg("vigilEmailOtpBodyNotYou")}
