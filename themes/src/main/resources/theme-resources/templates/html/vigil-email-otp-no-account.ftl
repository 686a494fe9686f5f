<#--
  Sent instead of a code when the typed address has no account (if the realm enables it).
  Attributes: realmName, requestedAt, ipAddress, userAgent. Every ${...} is HTML-escaped (see
  vigil-email-otp.ftl): the user agent and the address must never become markup.
-->
<#import "template.ftl" as layout>
<#assign agent = (userAgent!"")?truncate(256)>
<@layout.emailLayout>
<p>${msg("vigilEmailOtpNoAccountBody", realmName)}</p>
<p style="color: #555555;"><#if agent?has_content>${msg("vigilEmailOtpBodyRequest", requestedAt, ipAddress!"", agent)}<#else>${msg("vigilEmailOtpBodyRequestNoBrowser", requestedAt, ipAddress!"")}</#if></p>
<p>${msg("vigilEmailOtpNoAccountAdvice")}</p>
</@layout.emailLayout>
