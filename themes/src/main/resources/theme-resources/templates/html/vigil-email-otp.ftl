<#--
  The sign-in code mail (HTML part). Attributes: code, lifetimeMinutes, realmName, requestedAt,
  ipAddress, userAgent. Keycloak renders .ftl files with FreeMarker's HTML output format, so every
  ${...} below is HTML-escaped, message arguments included: the user agent and the address are
  request data and must never become markup, hence ${msg(...)} and not kcSanitize(msg(...))?no_esc.
-->
<#import "template.ftl" as layout>
<#assign agent = (userAgent!"")?truncate(256)>
<@layout.emailLayout>
<p>${msg("vigilEmailOtpBodyIntro", realmName)}</p>
<p style="margin: 24px 0; font-family: 'Courier New', Courier, monospace; font-size: 32px; font-weight: bold; letter-spacing: 6px;">${code}</p>
<p>${msg("vigilEmailOtpBodyLifetime", lifetimeMinutes)}</p>
<p style="color: #555555;"><#if agent?has_content>${msg("vigilEmailOtpBodyRequest", requestedAt, ipAddress!"", agent)}<#else>${msg("vigilEmailOtpBodyRequestNoBrowser", requestedAt, ipAddress!"")}</#if></p>
<p>${msg("vigilEmailOtpBodyNotYou")}</p>
</@layout.emailLayout>
