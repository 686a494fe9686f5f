<#--
  vigil-email-otp, first factor: asks for the address (or username) to send a sign-in code to.
  Markup and classes follow keycloak.v2's login-username.ftl and its field/buttons macros.
  Every ${...} is HTML-escaped: Keycloak renders .ftl files with FreeMarker's HTML output format.
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "social-providers.ftl" as identityProviders>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email') displayInfo=(realm.password && realm.registrationAllowed && !registrationDisabled??); section>
<!-- template: vigil-email-otp-email.ftl -->
    <#if section = "header">
        ${msg("vigilEmailOtpEmailTitle")}
    <#elseif section = "form">
        <div id="kc-form">
            <div id="kc-form-wrapper">
                <p id="vigil-email-otp-email-instruction">${msg("vigilEmailOtpEmailInstruction")}</p>
                <form id="vigil-email-otp-email-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
                      onsubmit="document.getElementById('vigil-email-otp-send').disabled = true; return true;">
                    <input type="hidden" name="vigil-action" value="send"/>
                    <@field.group name="email" label=msg("vigilEmailOtpEmailLabel") error=messagesPerField.get('email')>
                        <span class="${properties.kcInputClass} <#if messagesPerField.existsError('email')>${properties.kcError}</#if>">
                            <input id="email" name="email" type="text" autocomplete="username email" autofocus
                                   spellcheck="false" autocapitalize="none"
                                   aria-invalid="<#if messagesPerField.existsError('email')>true</#if>"
                                   aria-describedby="vigil-email-otp-email-instruction<#if messagesPerField.existsError('email')> input-error-email</#if>"/>
                            <@field.errorIcon error=messagesPerField.get('email')/>
                        </span>
                    </@field.group>
                    <@buttons.actionGroup>
                        <@buttons.button id="vigil-email-otp-send" name="send" label="vigilEmailOtpSendCode"/>
                    </@buttons.actionGroup>
                </form>
            </div>
        </div>
    <#elseif section = "info">
        <#if realm.password && realm.registrationAllowed && !registrationDisabled??>
            <div id="kc-registration">
                <span>${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></span>
            </div>
        </#if>
    <#elseif section = "socialProviders">
        <#if realm.password && social.providers?? && social.providers?has_content>
            <@identityProviders.show social=social/>
        </#if>
    </#if>
</@layout.registrationLayout>
