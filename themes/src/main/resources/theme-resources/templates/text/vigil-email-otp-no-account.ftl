<#ftl output_format="plainText">
${msg("vigilEmailOtpNoAccountBody", realmName)}

${msg("vigilEmailOtpBodyRequest", requestedAt, ipAddress, userAgent)}

${msg("vigilEmailOtpNoAccountAdvice")}
