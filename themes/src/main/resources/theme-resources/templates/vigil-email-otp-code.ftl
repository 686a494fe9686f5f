<#--
  vigil-email-otp: enter the code that was mailed (or, before any code was requested, ask for one).
  Attribute vigilOtp: recipient (String), firstFactor, codeRequested (Boolean), codeLength,
  lifetimeMinutes, resendWaitSeconds, trustDeviceDays (numbers; 0 hides "trust this browser"). Markup and classes follow keycloak.v2's login-otp.ftl
  and its field/buttons macros; "Try another way" and the attempted username come from the layout.
  Every ${...} is HTML-escaped: Keycloak renders .ftl files with FreeMarker's HTML output format.
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: vigil-email-otp-code.ftl -->
    <#assign waitSeconds = vigilOtp.resendWaitSeconds!0>
    <#assign recipient = vigilOtp.recipient!"">
    <#if section = "header">
        ${msg("vigilEmailOtpCodeTitle")}
    <#elseif section = "form">
        <#if vigilOtp.codeRequested>
            <p id="vigil-email-otp-sent-to">
                <#if vigilOtp.firstFactor>${msg("vigilEmailOtpCodeSentTo", recipient)}<#else>${msg("vigilEmailOtpCodeSentToUser", recipient)}</#if>
                ${msg("vigilEmailOtpCodeLifetime", vigilOtp.lifetimeMinutes)}
            </p>
            <form id="vigil-email-otp-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
                  onsubmit="document.getElementById('vigil-email-otp-verify').disabled = true; return true;">
                <#-- field.group renders the error in KC's aria-live="polite" helper text, id input-error-code. -->
                <@field.group name="code" label=msg("vigilEmailOtpCodeLabel") error=messagesPerField.get('code')>
                    <span class="${properties.kcInputClass} <#if messagesPerField.existsError('code')>${properties.kcError}</#if>">
                        <input id="code" name="code" type="text" autocomplete="one-time-code" inputmode="numeric"
                               maxlength="${vigilOtp.codeLength?c}" autofocus spellcheck="false"
                               aria-invalid="<#if messagesPerField.existsError('code')>true</#if>"
                               aria-describedby="vigil-email-otp-sent-to<#if messagesPerField.existsError('code')> input-error-code</#if>"/>
                        <@field.errorIcon error=messagesPerField.get('code')/>
                    </span>
                </@field.group>
                <#if (vigilOtp.trustDeviceDays!0) gt 0>
                    <@field.checkbox name="trust-device" label=msg("vigilEmailOtpTrustDevice", vigilOtp.trustDeviceDays?c)/>
                </#if>
                <@buttons.actionGroup>
                    <@buttons.button id="vigil-email-otp-verify" name="verify" label="vigilEmailOtpVerify"/>
                </@buttons.actionGroup>
            </form>
        <#elseif recipient?has_content>
            <p id="vigil-email-otp-sent-to">${msg("vigilEmailOtpSendFirst", recipient)}</p>
        </#if>
        <form id="vigil-email-otp-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="vigil-action" value="resend"/>
            <#if waitSeconds gt 0>
                <#-- The seconds sit in their own element so that the script below can count them down.
                     No aria-live here: a screen reader would read out every second. -->
                <#assign waitText = msg("vigilEmailOtpResendIn", "@@vigil-seconds@@")>
                <p id="vigil-email-otp-resend-hint">${waitText?keep_before("@@vigil-seconds@@")}<span id="vigil-email-otp-resend-wait">${waitSeconds?c}</span>${waitText?keep_after("@@vigil-seconds@@")}</p>
            </#if>
            <@buttons.actionGroup>
                <#if vigilOtp.codeRequested && waitSeconds gt 0>
                    <@buttons.button id="vigil-email-otp-resend" name="resend" label="vigilEmailOtpResend" type="secondary" disabled="disabled"/>
                <#elseif vigilOtp.codeRequested>
                    <@buttons.button id="vigil-email-otp-resend" name="resend" label="vigilEmailOtpResend" type="secondary"/>
                <#elseif waitSeconds gt 0>
                    <@buttons.button id="vigil-email-otp-resend" name="resend" label="vigilEmailOtpSendCode" disabled="disabled"/>
                <#else>
                    <@buttons.button id="vigil-email-otp-resend" name="resend" label="vigilEmailOtpSendCode"/>
                </#if>
            </@buttons.actionGroup>
        </form>
        <#if waitSeconds gt 0>
        <script>
            <#outputformat "JavaScript">
            (function () {
                // Progressive enhancement only: without it the button stays disabled until the next
                // page load, and the server refuses early resends anyway.
                var wait = document.getElementById("vigil-email-otp-resend-wait");
                var hint = document.getElementById("vigil-email-otp-resend-hint");
                var button = document.getElementById("vigil-email-otp-resend");
                if (!wait || !button) {
                    return;
                }
                // Counted against the clock, not in ticks: timers are throttled in background tabs.
                var end = Date.now() + parseInt(wait.textContent, 10) * 1000;
                var timer = setInterval(function () {
                    var left = Math.ceil((end - Date.now()) / 1000);
                    if (left > 0) {
                        wait.textContent = String(left);
                        return;
                    }
                    clearInterval(timer);
                    if (hint) {
                        hint.hidden = true;
                    }
                    button.disabled = false;
                }, 1000);
            })();
            </#outputformat>
        </script>
        </#if>
    </#if>
</@layout.registrationLayout>
