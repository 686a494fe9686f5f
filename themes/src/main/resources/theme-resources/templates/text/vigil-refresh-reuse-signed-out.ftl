<#ftl output_format="plainText">
<#-- Sent to a user the refresh-token theft response signed out (text part). See the HTML part. -->
<#assign agent = (userAgent!"")?truncate(256)>
<#assign address = ipAddress!"">
<#assign scope = action!"">
${msg("vigilRefreshReuseBody", clientName, realmName)}

<#if scope == "family">
${msg("vigilRefreshReuseActionFamily", clientName)}

<#elseif scope == "session">
${msg("vigilRefreshReuseActionSession", clientName)}

<#elseif scope == "user">
${msg("vigilRefreshReuseActionUser", realmName)}

</#if>
<#if address?has_content && agent?has_content>${msg("vigilRefreshReuseSecondUse", detectedAt, address, agent)}<#elseif address?has_content>${msg("vigilRefreshReuseSecondUseNoBrowser", detectedAt, address)}<#elseif agent?has_content>${msg("vigilRefreshReuseSecondUseNoAddress", detectedAt, agent)}<#else>${msg("vigilRefreshReuseSecondUseTimeOnly", detectedAt)}</#if>

${msg("vigilRefreshReuseSignInAgain")}

${msg("vigilRefreshReuseNotYou")}
