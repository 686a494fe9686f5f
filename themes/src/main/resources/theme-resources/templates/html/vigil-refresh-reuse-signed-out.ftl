<#--
  Sent by the refresh-token theft response to a user it signed out because one of their refresh
  tokens was used a second time. Attributes: realmName, clientName, detectedAt, ipAddress, userAgent
  (may be absent), action (family, session or user). Every ${...} is HTML-escaped (see
  vigil-email-otp.ftl): the client name, the user agent and the address must never become markup.
  No token, code or link: the mail only says what happened, what was done and what to do.
-->
<#import "template.ftl" as layout>
<#assign agent = (userAgent!"")?truncate(256)>
<#assign address = ipAddress!"">
<#assign scope = action!"">
<@layout.emailLayout>
<p>${msg("vigilRefreshReuseBody", clientName, realmName)}</p>
<#if scope == "family">
<p>${msg("vigilRefreshReuseActionFamily", clientName)}</p>
<#elseif scope == "session">
<p>${msg("vigilRefreshReuseActionSession", clientName)}</p>
<#elseif scope == "user">
<p>${msg("vigilRefreshReuseActionUser", realmName)}</p>
</#if>
<p style="color: #555555;"><#if address?has_content && agent?has_content>${msg("vigilRefreshReuseSecondUse", detectedAt, address, agent)}<#elseif address?has_content>${msg("vigilRefreshReuseSecondUseNoBrowser", detectedAt, address)}<#elseif agent?has_content>${msg("vigilRefreshReuseSecondUseNoAddress", detectedAt, agent)}<#else>${msg("vigilRefreshReuseSecondUseTimeOnly", detectedAt)}</#if></p>
<p>${msg("vigilRefreshReuseSignInAgain")}</p>
<p>${msg("vigilRefreshReuseNotYou")}</p>
</@layout.emailLayout>
