<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("vigilEmailOtpBodyIntro", realmName)}</p>
<p style="font-family: monospace; font-size: 28px; font-weight: bold; letter-spacing: 6px;">${code}</p>
<p>${msg("vigilEmailOtpBodyLifetime", lifetimeMinutes)}</p>
<p>${msg("vigilEmailOtpBodyRequest", requestedAt, ipAddress, userAgent)}</p>
<p>${msg("vigilEmailOtpBodyNotYou")}</p>
</@layout.emailLayout>
