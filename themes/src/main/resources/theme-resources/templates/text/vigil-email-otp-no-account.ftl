<#ftl output_format="plainText">
<#-- Sent instead of a code when the typed address has no account (text part). -->
<#assign agent = (userAgent!"")?truncate(256)>
${msg("vigilEmailOtpNoAccountBody", realmName)}

<#if agent?has_content>${msg("vigilEmailOtpBodyRequest", requestedAt, ipAddress!"", agent)}<#else>${msg("vigilEmailOtpBodyRequestNoBrowser", requestedAt, ipAddress!"")}</#if>

${msg("vigilEmailOtpNoAccountAdvice")}
