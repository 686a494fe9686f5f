<#--
  Sent by Vigil's audited impersonation (if enabled) to the user a support agent signed in as.
  Attributes, all Strings, any may be empty: realmName (Keycloak sets it to the realm's display
  name), actorName (the agent's name or username), reason (the agent's own words), startedAt,
  expiresAt (preformatted times) and clientName (the support tool). Every ${...} is HTML-escaped (see
  vigil-email-otp.ftl): the reason and the names are typed by people and must never become markup.
  The reason is cut to 500 characters before it is escaped. No token, code or link: the mail only
  says what happened, why, until when and what to do.
-->
<#import "template.ftl" as layout>
<#assign agentName = actorName!"">
<#assign tool = clientName!"">
<#assign why = (reason!"")?trim?truncate(500)>
<#assign started = startedAt!"">
<#assign ends = expiresAt!"">
<@layout.emailLayout>
<p><#if agentName?has_content && tool?has_content>${msg("vigilImpersonationBody", agentName, realmName!"", tool)}<#elseif agentName?has_content>${msg("vigilImpersonationBodyNoTool", agentName, realmName!"")}<#elseif tool?has_content>${msg("vigilImpersonationBodyNoAgent", realmName!"", tool)}<#else>${msg("vigilImpersonationBodyNoAgentNoTool", realmName!"")}</#if></p>
<#if started?has_content && ends?has_content>
<p>${msg("vigilImpersonationTime", started, ends)}</p>
<#elseif started?has_content>
<p>${msg("vigilImpersonationTimeStartOnly", started)}</p>
<#elseif ends?has_content>
<p>${msg("vigilImpersonationTimeEndOnly", ends)}</p>
</#if>
<p><#if why?has_content>${msg("vigilImpersonationReason", why)}<#else>${msg("vigilImpersonationNoReason")}</#if></p>
<p>${msg("vigilImpersonationPassword")}</p>
<p>${msg("vigilImpersonationNotExpected")}</p>
</@layout.emailLayout>
