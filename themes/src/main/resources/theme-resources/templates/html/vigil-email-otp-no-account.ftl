<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("vigilEmailOtpNoAccountBody", realmName)}</p>
<p>${msg("vigilEmailOtpBodyRequest", requestedAt, ipAddress, userAgent)}</p>
<p>${msg("vigilEmailOtpNoAccountAdvice")}</p>
</@layout.emailLayout>
