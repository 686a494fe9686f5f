package dev.vigil.themes;

import static dev.vigil.themes.KeycloakRendering.THEME_RESOURCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract between the templates and the authenticator, read from the .ftl text: ids, names and
 * values the Java code and the tests rely on. {@link RenderedTemplatesTest} checks the rendered pages.
 */
class TemplatesTest {

    static final Path TEMPLATES = THEME_RESOURCES.resolve("templates");

    static String template(String name) throws IOException {
        return Files.readString(TEMPLATES.resolve(name), StandardCharsets.UTF_8);
    }

    static Stream<String> allTemplates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".ftl"))
                    .map(f -> TEMPLATES.relativize(f).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList()).stream();
        }
    }

    static String withoutComments(String template) {
        return template.replaceAll("(?s)<#--.*?-->", "");
    }

    @Test
    void theTemplatesTheAuthenticatorAsksForExist() throws IOException {
        assertThat(allTemplates()).containsExactlyInAnyOrder(
                "vigil-email-otp-email.ftl", "vigil-email-otp-code.ftl",
                "html/vigil-email-otp.ftl", "text/vigil-email-otp.ftl",
                "html/vigil-email-otp-no-account.ftl", "text/vigil-email-otp-no-account.ftl",
                "html/vigil-refresh-reuse-signed-out.ftl", "text/vigil-refresh-reuse-signed-out.ftl",
                "html/vigil-impersonation-notice.ftl", "text/vigil-impersonation-notice.ftl");
    }

    /** Parsed as Keycloak's DefaultFreeMarkerProvider configures FreeMarker for a .ftl file. */
    @ParameterizedTest
    @MethodSource("allTemplates")
    void parsesWithKeycloaksFreeMarkerConfiguration(String name) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_32);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setDefaultEncoding("UTF-8");
        assertThatCode(() -> {
            try (Reader reader = Files.newBufferedReader(TEMPLATES.resolve(name), StandardCharsets.UTF_8)) {
                new Template(name, reader, cfg);
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void loginPagesUseTheActiveLoginThemesLayout() throws IOException {
        for (String name : List.of("vigil-email-otp-email.ftl", "vigil-email-otp-code.ftl")) {
            assertThat(template(name)).as(name).contains(
                    "<#import \"template.ftl\" as layout>",
                    "<#import \"field.ftl\" as field>",
                    "<#import \"buttons.ftl\" as buttons>",
                    "<@layout.registrationLayout",
                    "<#if section = \"header\">",
                    "<#elseif section = \"form\">",
                    "</@layout.registrationLayout>");
        }
    }

    @Test
    void addressPage() throws IOException {
        String page = template("vigil-email-otp-email.ftl");
        assertThat(page).contains(
                "<form id=\"vigil-email-otp-email-form\"",
                "action=\"${url.loginAction}\" method=\"post\"",
                "<input type=\"hidden\" name=\"vigil-action\" value=\"send\"/>",
                "<input id=\"email\" name=\"email\" type=\"text\" autocomplete=\"username email\" autofocus",
                "aria-invalid=\"<#if messagesPerField.existsError('email')>true</#if>\"",
                "displayMessage=!messagesPerField.existsError('email')",
                "error=messagesPerField.get('email')",
                "<@buttons.button id=\"vigil-email-otp-send\" name=\"send\" label=\"vigilEmailOtpSendCode\"/>",
                "msg(\"vigilEmailOtpEmailTitle\")",
                "msg(\"vigilEmailOtpEmailInstruction\")",
                "msg(\"vigilEmailOtpEmailLabel\")");
    }

    @Test
    void codePage() throws IOException {
        String page = template("vigil-email-otp-code.ftl");
        assertThat(page).contains(
                "<form id=\"vigil-email-otp-code-form\"",
                "<input id=\"code\" name=\"code\" type=\"text\" autocomplete=\"one-time-code\" inputmode=\"numeric\"",
                "maxlength=\"${vigilOtp.codeLength?c}\" autofocus",
                "aria-invalid=\"<#if messagesPerField.existsError('code')>true</#if>\"",
                "displayMessage=!messagesPerField.existsError('code')",
                "<@buttons.button id=\"vigil-email-otp-verify\" name=\"verify\" label=\"vigilEmailOtpVerify\"/>",
                "<form id=\"vigil-email-otp-resend-form\"",
                "<input type=\"hidden\" name=\"vigil-action\" value=\"resend\"/>",
                "id=\"vigil-email-otp-resend\"",
                "disabled=\"disabled\"",
                "<span id=\"vigil-email-otp-resend-wait\">${waitSeconds?c}</span>",
                "msg(\"vigilEmailOtpResendIn\"",
                "label=\"vigilEmailOtpResend\"",
                "label=\"vigilEmailOtpSendCode\"",
                "vigilOtp.codeRequested",
                "vigilOtp.firstFactor",
                "<#assign recipient = vigilOtp.recipient!\"\">",
                "msg(\"vigilEmailOtpCodeSentTo\", recipient)",
                "msg(\"vigilEmailOtpCodeSentToUser\", recipient)",
                "msg(\"vigilEmailOtpSendFirst\", recipient)",
                "msg(\"vigilEmailOtpCodeLifetime\", vigilOtp.lifetimeMinutes)",
                "vigilOtp.resendWaitSeconds",
                "setInterval(");
        // Both forms post back to the flow.
        assertThat(page.split("action=\"\\$\\{url.loginAction}\" method=\"post\"", -1)).hasSize(3);
        // "Try another way" is the layout's: the page must not hide it or post its own.
        assertThat(page).doesNotContain("tryAnotherWay");
    }

    /**
     * The code's error is announced to screen readers: the page hands it to keycloak.v2's
     * {@code field.group}, which renders it inside {@code aria-live="polite"} (checked on Keycloak's
     * own field.ftl here, and on the rendered page in {@link RenderedTemplatesTest}).
     */
    @Test
    void codeErrorGoesToAnAriaLiveRegion() throws IOException {
        assertThat(template("vigil-email-otp-code.ftl"))
                .contains("<@field.group name=\"code\" label=msg(\"vigilEmailOtpCodeLabel\") error=messagesPerField.get('code')>");
        String keycloakField;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("theme/keycloak.v2/login/field.ftl")) {
            keycloakField = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String group = keycloakField.substring(keycloakField.indexOf("<#macro group"), keycloakField.indexOf("</#macro>"));
        assertThat(group).containsSubsequence("aria-live=\"polite\"", "id=\"input-error-${name}\"", "${error}");
    }

    @Test
    void htmlMailsEscapeEverything() throws IOException {
        for (String name : List.of("html/vigil-email-otp.ftl", "html/vigil-email-otp-no-account.ftl")) {
            String mail = withoutComments(template(name));
            assertThat(mail).as(name).contains("<#import \"template.ftl\" as layout>", "<@layout.emailLayout>",
                    "</@layout.emailLayout>", "userAgent", "ipAddress", "requestedAt", "realmName");
            // Request data (user agent, address) must go through FreeMarker's HTML escaping, never around it.
            assertThat(mail).as(name).doesNotContain("?no_esc", "kcSanitize", "<#noautoesc", "output_format");
        }
        assertThat(template("html/vigil-email-otp.ftl")).contains("${code}", "monospace", "lifetimeMinutes");
    }

    @Test
    void textMailsArePlainText() throws IOException {
        for (String name : List.of("text/vigil-email-otp.ftl", "text/vigil-email-otp-no-account.ftl")) {
            String mail = template(name);
            assertThat(mail).as(name).startsWith("<#ftl output_format=\"plainText\">");
            assertThat(mail).as(name).contains("userAgent", "ipAddress", "requestedAt", "realmName");
        }
        assertThat(template("text/vigil-email-otp.ftl")).contains("${code}", "lifetimeMinutes");
    }

    /**
     * The refresh-token theft response's mail: the attributes its Java side passes, one message per
     * action, the user agent cut like the other mails' and, in the HTML part, everything escaped.
     */
    @Test
    void refreshReuseMail() throws IOException {
        String html = withoutComments(template("html/vigil-refresh-reuse-signed-out.ftl"));
        String text = template("text/vigil-refresh-reuse-signed-out.ftl");
        assertThat(html).contains("<#import \"template.ftl\" as layout>", "<@layout.emailLayout>", "</@layout.emailLayout>");
        assertThat(html).doesNotContain("?no_esc", "kcSanitize", "<#noautoesc", "output_format");
        assertThat(text).startsWith("<#ftl output_format=\"plainText\">");
        for (String mail : List.of(html, text)) {
            assertThat(mail).contains("realmName", "clientName", "detectedAt", "ipAddress!\"\"",
                    "<#assign agent = (userAgent!\"\")?truncate(256)>", "<#assign scope = action!\"\">",
                    "scope == \"family\"", "scope == \"session\"", "scope == \"user\"",
                    "msg(\"vigilRefreshReuseBody\", clientName, realmName)",
                    "msg(\"vigilRefreshReuseActionFamily\", clientName)",
                    "msg(\"vigilRefreshReuseActionSession\", clientName)",
                    "msg(\"vigilRefreshReuseActionUser\", realmName)",
                    "msg(\"vigilRefreshReuseSignInAgain\")", "msg(\"vigilRefreshReuseNotYou\")");
            // Nothing to click and nothing secret: the mail carries no link, token or code.
            assertThat(withoutComments(mail)).doesNotContain("href", "link", "url", "code", "token");
        }
    }

    /**
     * The impersonation notice: the attributes its Java side passes (each may be empty), one body per
     * combination of agent and tool, the reason cut to 500 characters before anything else touches it
     * and, in the HTML part, everything escaped.
     */
    @Test
    void impersonationMail() throws IOException {
        String html = withoutComments(template("html/vigil-impersonation-notice.ftl"));
        String text = template("text/vigil-impersonation-notice.ftl");
        assertThat(html).contains("<#import \"template.ftl\" as layout>", "<@layout.emailLayout>", "</@layout.emailLayout>");
        assertThat(html).doesNotContain("?no_esc", "kcSanitize", "<#noautoesc", "output_format");
        assertThat(text).startsWith("<#ftl output_format=\"plainText\">");
        for (String mail : List.of(html, text)) {
            assertThat(mail).contains("<#assign agentName = actorName!\"\">", "<#assign tool = clientName!\"\">",
                    "<#assign why = (reason!\"\")?trim?truncate(500)>", "<#assign started = startedAt!\"\">",
                    "<#assign ends = expiresAt!\"\">",
                    "msg(\"vigilImpersonationBody\", agentName, realmName!\"\", tool)",
                    "msg(\"vigilImpersonationBodyNoTool\", agentName, realmName!\"\")",
                    "msg(\"vigilImpersonationBodyNoAgent\", realmName!\"\", tool)",
                    "msg(\"vigilImpersonationBodyNoAgentNoTool\", realmName!\"\")",
                    "msg(\"vigilImpersonationTime\", started, ends)",
                    "msg(\"vigilImpersonationTimeStartOnly\", started)",
                    "msg(\"vigilImpersonationTimeEndOnly\", ends)",
                    "msg(\"vigilImpersonationReason\", why)", "msg(\"vigilImpersonationNoReason\")",
                    "msg(\"vigilImpersonationPassword\")", "msg(\"vigilImpersonationNotExpected\")");
            // The reason is only ever shown cut.
            assertThat(withoutComments(mail).replace("(reason!\"\")?trim?truncate(500)", "")).doesNotContain("reason");
            // Nothing to click and nothing secret: the mail carries no link, token or code.
            assertThat(withoutComments(mail)).doesNotContain("href", "link", "url", "code", "token");
        }
    }
}
