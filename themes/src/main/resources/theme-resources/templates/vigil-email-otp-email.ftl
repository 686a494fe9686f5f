<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email'); section>
<!-- template: vigil-email-otp-email.ftl -->
    <#if section = "header">
        ${msg("vigilEmailOtpEmailTitle")}
    <#elseif section = "form">
        <p id="vigil-email-otp-email-instruction">${msg("vigilEmailOtpEmailInstruction")}</p>
        <form id="vigil-email-otp-email-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="document.getElementById('vigil-email-otp-send').disabled = true; return true;">
            <input type="hidden" name="vigil-action" value="send"/>
            <@field.group name="email" label=msg("vigilEmailOtpEmailLabel") error=messagesPerField.get('email') required=true>
                <span class="${properties.kcInputClass} <#if messagesPerField.existsError('email')>${properties.kcError}</#if>">
                    <input id="email" name="email" type="text" autocomplete="username email" autofocus
                           aria-invalid="<#if messagesPerField.existsError('email')>true</#if>"/>
                    <@field.errorIcon error=messagesPerField.get('email')/>
                </span>
            </@field.group>
            <@buttons.actionGroup>
                <@buttons.button id="vigil-email-otp-send" name="send" label="vigilEmailOtpSendCode"/>
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
