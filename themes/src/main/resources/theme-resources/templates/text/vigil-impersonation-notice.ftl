<#ftl output_format="plainText">
<#-- Sent to the user a support agent signed in as (text part). See the HTML part. -->
<#assign agentName = actorName!"">
<#assign tool = clientName!"">
<#assign why = (reason!"")?trim?truncate(500)>
<#assign started = startedAt!"">
<#assign ends = expiresAt!"">
<#if agentName?has_content && tool?has_content>${msg("vigilImpersonationBody", agentName, realmName!"", tool)}<#elseif agentName?has_content>${msg("vigilImpersonationBodyNoTool", agentName, realmName!"")}<#elseif tool?has_content>${msg("vigilImpersonationBodyNoAgent", realmName!"", tool)}<#else>${msg("vigilImpersonationBodyNoAgentNoTool", realmName!"")}</#if>

<#if started?has_content && ends?has_content>
${msg("vigilImpersonationTime", started, ends)}

<#elseif started?has_content>
${msg("vigilImpersonationTimeStartOnly", started)}

<#elseif ends?has_content>
${msg("vigilImpersonationTimeEndOnly", ends)}

</#if>
<#if why?has_content>${msg("vigilImpersonationReason", why)}<#else>${msg("vigilImpersonationNoReason")}</#if>

${msg("vigilImpersonationPassword")}

${msg("vigilImpersonationNotExpected")}
