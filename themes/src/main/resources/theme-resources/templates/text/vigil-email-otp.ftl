<#ftl output_format="plainText">
<#-- The sign-in code mail (text part). Plain text: nothing is escaped, nothing needs to be. -->
<#assign agent = (userAgent!"")?truncate(256)>
${msg("vigilEmailOtpBodyIntro", realmName)}

    ${code}

${msg("vigilEmailOtpBodyLifetime", lifetimeMinutes)}

<#if agent?has_content>${msg("vigilEmailOtpBodyRequest", requestedAt, ipAddress!"", agent)}<#else>${msg("vigilEmailOtpBodyRequestNoBrowser", requestedAt, ipAddress!"")}</#if>

${msg("vigilEmailOtpBodyNotYou")}
