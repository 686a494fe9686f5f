<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: vigil-email-otp-code.ftl -->
    <#if section = "header">
        ${msg("vigilEmailOtpCodeTitle")}
    <#elseif section = "form">
        <#if vigilOtp.codeRequested>
            <p id="vigil-email-otp-sent-to">
                <#if vigilOtp.firstFactor>${msg("vigilEmailOtpCodeSentTo", vigilOtp.recipient)}<#else>${msg("vigilEmailOtpCodeSentToUser", vigilOtp.recipient)}</#if>
                ${msg("vigilEmailOtpCodeLifetime", vigilOtp.lifetimeMinutes)}
            </p>
            <form id="vigil-email-otp-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
                  onsubmit="document.getElementById('vigil-email-otp-verify').disabled = true; return true;">
                <@field.group name="code" label=msg("vigilEmailOtpCodeLabel") error=messagesPerField.get('code') required=true>
                    <span class="${properties.kcInputClass} <#if messagesPerField.existsError('code')>${properties.kcError}</#if>">
                        <input id="code" name="code" type="text" autocomplete="one-time-code" inputmode="numeric"
                               pattern="[0-9]*" maxlength="${vigilOtp.codeLength?c}" autofocus
                               aria-invalid="<#if messagesPerField.existsError('code')>true</#if>"
                               aria-describedby="vigil-email-otp-sent-to"/>
                        <@field.errorIcon error=messagesPerField.get('code')/>
                    </span>
                </@field.group>
                <@buttons.actionGroup>
                    <@buttons.button id="vigil-email-otp-verify" name="verify" label="vigilEmailOtpVerify"/>
                </@buttons.actionGroup>
            </form>
        <#else>
            <p id="vigil-email-otp-sent-to">${msg("vigilEmailOtpSendFirst", vigilOtp.recipient)}</p>
        </#if>
        <form id="vigil-email-otp-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="vigil-action" value="resend"/>
            <#if vigilOtp.resendWaitSeconds gt 0>
                <p id="vigil-email-otp-resend-hint" aria-live="polite">${msg("vigilEmailOtpResendIn", "@@")?keep_before("@@")}<span id="vigil-email-otp-resend-wait">${vigilOtp.resendWaitSeconds?c}</span>${msg("vigilEmailOtpResendIn", "@@")?keep_after("@@")}</p>
            </#if>
            <@buttons.actionGroup>
                <#if vigilOtp.codeRequested && vigilOtp.resendWaitSeconds gt 0>
                    <@buttons.button id="vigil-email-otp-resend" name="resend" label="vigilEmailOtpResend" type="secondary" disabled="disabled"/>
                <#elseif vigilOtp.codeRequested>
                    <@buttons.button id="vigil-email-otp-resend" name="resend" label="vigilEmailOtpResend" type="secondary"/>
                <#else>
                    <@buttons.button id="vigil-email-otp-resend" name="resend" label="vigilEmailOtpSendCode"/>
                </#if>
            </@buttons.actionGroup>
        </form>
        <#if vigilOtp.resendWaitSeconds gt 0>
        <script>
            <#outputformat "JavaScript">
            (function () {
                var wait = document.getElementById("vigil-email-otp-resend-wait");
                var button = document.getElementById("vigil-email-otp-resend");
                var hint = document.getElementById("vigil-email-otp-resend-hint");
                var left = parseInt(wait.textContent, 10);
                var timer = setInterval(function () {
                    left -= 1;
                    if (left <= 0) {
                        clearInterval(timer);
                        button.disabled = false;
                        button.removeAttribute("disabled");
                        hint.hidden = true;
                    } else {
                        wait.textContent = String(left);
                    }
                }, 1000);
            })();
            </#outputformat>
        </script>
        </#if>
    </#if>
</@layout.registrationLayout>
