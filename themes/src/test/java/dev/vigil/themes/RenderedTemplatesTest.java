package dev.vigil.themes;

import static dev.vigil.themes.KeycloakRendering.LANGUAGES;
import static dev.vigil.themes.KeycloakRendering.LOGIN_ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.theme.Theme;

/**
 * The pages and mails as a Keycloak 26.7.3 server renders them: Keycloak's FreeMarker set-up, its
 * keycloak.v2 layout, field and button macros, its base email layout, and the pack's message bundles.
 */
class RenderedTemplatesTest {

    private static final String HOSTILE_AGENT = "<script>alert(1)</script><a href=\"https://evil.example\">x</a>";

    static Stream<String> languages() {
        return LANGUAGES.stream();
    }

    // ---- address page ------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("languages")
    void addressPage(String lang) throws Exception {
        Document page = loginPage("vigil-email-otp-email.ftl", lang, Map.of(), null);
        Properties m = KeycloakRendering.messages(Theme.Type.LOGIN, lang);

        assertThat(page.getElementById("kc-page-title").text()).isEqualTo(formatted(m, lang, "vigilEmailOtpEmailTitle"));
        Element form = page.getElementById("vigil-email-otp-email-form");
        assertThat(form.attr("action")).isEqualTo(LOGIN_ACTION);
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.select("input[type=hidden][name=vigil-action]").val()).isEqualTo("send");

        Element email = page.getElementById("email");
        assertThat(email.attr("name")).isEqualTo("email");
        assertThat(email.attr("type")).isEqualTo("text");
        assertThat(email.attr("autocomplete")).isEqualTo("username email");
        assertThat(email.hasAttr("autofocus")).isTrue();
        assertThat(email.attr("aria-invalid")).isEmpty();
        assertThat(page.select("label[for=email]").text()).isEqualTo(formatted(m, lang, "vigilEmailOtpEmailLabel"));
        assertThat(page.getElementById("input-error-email")).isNull();

        Element send = page.getElementById("vigil-email-otp-send");
        assertThat(send.attr("type")).isEqualTo("submit");
        assertThat(send.closest("form")).isEqualTo(form);
        assertThat(send.text()).isEqualTo(formatted(m, lang, "vigilEmailOtpSendCode"));
        assertThat(page.text()).contains(formatted(m, lang, "vigilEmailOtpEmailInstruction")).doesNotContain("vigilEmailOtp");
    }

    @Test
    void addressPageShowsTheFieldErrorAtTheFieldOnly() throws Exception {
        Document page = loginPage("vigil-email-otp-email.ftl", "en", Map.of("email", "vigilEmailOtpEmailRequired"), "vigilEmailOtpEmailRequired");
        Element error = page.getElementById("input-error-email");
        assertThat(error.text()).isEqualTo("Enter your email address or username.");
        assertThat(error.closest("[aria-live=polite]")).isNotNull();
        Element email = page.getElementById("email");
        assertThat(email.attr("aria-invalid")).isEqualTo("true");
        assertThat(email.attr("aria-describedby")).contains("input-error-email");
        // displayMessage=false: no second copy of the error in the page alert.
        assertThat(page.select(".pf-v5-c-alert")).isEmpty();
    }

    // ---- code page ---------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("languages")
    void codePageAfterTheCodeWasSent(String lang) throws Exception {
        Document page = loginPage("vigil-email-otp-code.ftl", lang, vigilOtp("a***@example.com", false, true, 8, 5, 0), Map.of(), null);
        Properties m = KeycloakRendering.messages(Theme.Type.LOGIN, lang);

        assertThat(page.getElementById("kc-page-title").text()).isEqualTo(formatted(m, lang, "vigilEmailOtpCodeTitle"));
        assertThat(page.getElementById("vigil-email-otp-sent-to").text())
                .contains(formatted(m, lang, "vigilEmailOtpCodeSentToUser", "a***@example.com"))
                .contains(formatted(m, lang, "vigilEmailOtpCodeLifetime", 5));

        Element form = page.getElementById("vigil-email-otp-code-form");
        assertThat(form.attr("action")).isEqualTo(LOGIN_ACTION);
        assertThat(form.attr("method")).isEqualTo("post");
        Element code = page.getElementById("code");
        assertThat(code.closest("form")).isEqualTo(form);
        assertThat(code.attr("name")).isEqualTo("code");
        assertThat(code.attr("autocomplete")).isEqualTo("one-time-code");
        assertThat(code.attr("inputmode")).isEqualTo("numeric");
        assertThat(code.hasAttr("pattern")).as("a pasted \"123 456\" must reach the server, which strips the space")
                .isFalse();
        assertThat(code.attr("maxlength")).isEqualTo("8");
        assertThat(code.hasAttr("autofocus")).isTrue();
        assertThat(page.select("label[for=code]").text()).isEqualTo(formatted(m, lang, "vigilEmailOtpCodeLabel"));
        Element verify = page.getElementById("vigil-email-otp-verify");
        assertThat(verify.closest("form")).isEqualTo(form);
        assertThat(verify.text()).isEqualTo(formatted(m, lang, "vigilEmailOtpVerify"));

        Element resendForm = page.getElementById("vigil-email-otp-resend-form");
        assertThat(resendForm.attr("action")).isEqualTo(LOGIN_ACTION);
        assertThat(resendForm.attr("method")).isEqualTo("post");
        assertThat(resendForm.select("input[type=hidden][name=vigil-action]").val()).isEqualTo("resend");
        Element resend = page.getElementById("vigil-email-otp-resend");
        assertThat(resend.closest("form")).isEqualTo(resendForm);
        assertThat(resend.text()).isEqualTo(formatted(m, lang, "vigilEmailOtpResend"));
        assertThat(resend.hasAttr("disabled")).isFalse();
        assertThat(page.getElementById("vigil-email-otp-resend-wait")).isNull();
        assertThat(page.select("script:containsData(vigil-email-otp-resend-wait)")).isEmpty();
        assertThat(page.text()).doesNotContain("vigilEmailOtp");
    }

    @ParameterizedTest
    @MethodSource("languages")
    void codePageOffersToTrustTheBrowserOnlyWhenDaysAreSet(String lang) throws Exception {
        Map<String, Object> otp = vigilOtp("a***@example.com", false, true, 6, 5, 0);
        otp.put("trustDeviceDays", 30);
        Document page = loginPage("vigil-email-otp-code.ftl", lang, otp, Map.of(), null);
        Properties m = KeycloakRendering.messages(Theme.Type.LOGIN, lang);

        Element trust = page.getElementById("trust-device");
        assertThat(trust).as("the checkbox").isNotNull();
        assertThat(trust.attr("type")).isEqualTo("checkbox");
        assertThat(trust.attr("name")).isEqualTo("trust-device");
        assertThat(trust.hasAttr("checked")).as("never ticked for the user").isFalse();
        assertThat(trust.closest("form")).isEqualTo(page.getElementById("vigil-email-otp-code-form"));
        assertThat(page.select("label[for=trust-device]").text()).isEqualTo(formatted(m, lang, "vigilEmailOtpTrustDevice", "30"));

        otp.put("trustDeviceDays", 0);
        assertThat(loginPage("vigil-email-otp-code.ftl", lang, otp, Map.of(), null).getElementById("trust-device"))
                .as("0 days hides it").isNull();
    }

    @ParameterizedTest
    @MethodSource("languages")
    void codePageDuringTheResendCooldown(String lang) throws Exception {
        Document page = loginPage("vigil-email-otp-code.ftl", lang, vigilOtp("jane@example.com", true, true, 6, 1, 27), Map.of(), null);
        Properties m = KeycloakRendering.messages(Theme.Type.LOGIN, lang);

        assertThat(page.getElementById("vigil-email-otp-sent-to").text())
                .contains(formatted(m, lang, "vigilEmailOtpCodeSentTo", "jane@example.com"))
                .contains(formatted(m, lang, "vigilEmailOtpCodeLifetime", 1));
        assertThat(page.getElementById("code").attr("maxlength")).isEqualTo("6");
        assertThat(page.getElementById("vigil-email-otp-resend").hasAttr("disabled")).isTrue();
        assertThat(page.getElementById("vigil-email-otp-resend-wait").text()).isEqualTo("27");
        assertThat(page.getElementById("vigil-email-otp-resend-hint").text())
                .isEqualTo(formatted(m, lang, "vigilEmailOtpResendIn", "27"));
        Element script = page.select("script:containsData(vigil-email-otp-resend-wait)").first();
        assertThat(script).isNotNull();
        assertThat(script.data()).contains("setInterval", "button.disabled = false");
        // No live region around a countdown: it would be read out every second.
        assertThat(page.getElementById("vigil-email-otp-resend-hint").closest("[aria-live]")).isNull();
    }

    @Test
    void codePageBeforeAnyCodeWasRequested() throws Exception {
        Document page = loginPage("vigil-email-otp-code.ftl", "en", vigilOtp("a***@example.com", false, false, 6, 5, 0), Map.of(), null);
        assertThat(page.getElementById("vigil-email-otp-code-form")).isNull();
        assertThat(page.getElementById("code")).isNull();
        assertThat(page.getElementById("vigil-email-otp-sent-to").text()).isEqualTo("We will send a code to a***@example.com.");
        Element send = page.getElementById("vigil-email-otp-resend");
        assertThat(send.text()).isEqualTo("Send code");
        assertThat(send.hasAttr("disabled")).isFalse();
        assertThat(send.closest("form").id()).isEqualTo("vigil-email-otp-resend-form");
    }

    @Test
    void codePageWithAWrongCode() throws Exception {
        Document page = loginPage("vigil-email-otp-code.ftl", "en", vigilOtp("jane@example.com", true, true, 6, 5, 0),
                Map.of("code", "vigilEmailOtpInvalidCode"), "vigilEmailOtpInvalidCode");
        Element error = page.getElementById("input-error-code");
        assertThat(error.text()).isEqualTo("Invalid or expired code.");
        assertThat(error.closest("[aria-live=polite]")).isNotNull();
        Element code = page.getElementById("code");
        assertThat(code.attr("aria-invalid")).isEqualTo("true");
        assertThat(code.attr("aria-describedby")).contains("input-error-code");
        assertThat(page.select(".pf-v5-c-alert")).isEmpty();
    }

    @Test
    void codePageShowsANoticeInTheLayoutsAlert() throws Exception {
        Map<String, Object> data = KeycloakRendering.loginPage("en", Map.of());
        data.put("vigilOtp", vigilOtp("jane@example.com", true, true, 6, 5, 30));
        data.put("message", Map.of("type", "info", "summary", "A new code is on its way. Only the newest code works."));
        Document page = Jsoup.parse(KeycloakRendering.render(KeycloakRendering.loginTheme(), "vigil-email-otp-code.ftl", data));
        assertThat(page.select(".pf-v5-c-alert.pf-m-info").text()).isEqualTo("A new code is on its way. Only the newest code works.");
    }

    @Test
    void codePageKeepsTheLayoutsTryAnotherWayAndAttemptedUsername() throws Exception {
        Map<String, Object> data = KeycloakRendering.loginPage("en", Map.of());
        data.put("vigilOtp", vigilOtp("j***@example.com", false, true, 6, 5, 0));
        data.put("auth", new KeycloakRendering.Auth(true, "jane"));
        Document page = Jsoup.parse(KeycloakRendering.render(KeycloakRendering.loginTheme(), "vigil-email-otp-code.ftl", data));
        assertThat(page.getElementById("kc-select-try-another-way-form")).isNotNull();
        assertThat(page.getElementById("try-another-way")).isNotNull();
        assertThat(page.getElementById("kc-attempted-username").val()).isEqualTo("jane");
    }

    @Test
    void aTypedAddressIsShownAsTextNeverAsMarkup() throws Exception {
        String typed = "<img src=x onerror=alert(1)>@example.com";
        Document page = loginPage("vigil-email-otp-code.ftl", "en", vigilOtp(typed, true, true, 6, 5, 0), Map.of(), null);
        assertThat(page.select("img")).isEmpty();
        assertThat(page.getElementById("vigil-email-otp-sent-to").text()).contains(typed);
    }

    // ---- mails -------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("languages")
    void codeMail(String lang) throws Exception {
        Properties m = KeycloakRendering.messages(Theme.Type.EMAIL, lang);
        Map<String, Object> attributes = mailAttributes();
        attributes.put("code", "48213307");
        attributes.put("lifetimeMinutes", 5);

        Document html = Jsoup.parse(mail("html/vigil-email-otp.ftl", lang, attributes));
        assertThat(html.select("html").attr("lang")).isEqualTo(java.util.Locale.forLanguageTag(lang).getLanguage());
        Element code = html.select("p:matchesOwn(^48213307$)").first();
        assertThat(code).isNotNull();
        assertThat(code.attr("style")).contains("monospace", "font-size");
        assertThat(html.text())
                .contains(formatted(m, lang, "vigilEmailOtpBodyIntro", "Demo Realm"))
                .contains(formatted(m, lang, "vigilEmailOtpBodyLifetime", 5))
                .contains(formatted(m, lang, "vigilEmailOtpBodyRequest", "2026-08-31 09:10 UTC", "203.0.113.7", "Firefox/140.0"))
                .contains(formatted(m, lang, "vigilEmailOtpBodyNotYou"))
                .doesNotContain("vigilEmailOtp");

        String text = mail("text/vigil-email-otp.ftl", lang, attributes);
        assertThat(text).contains("48213307", "Demo Realm", "2026-08-31 09:10 UTC", "203.0.113.7", "Firefox/140.0")
                .contains(KeycloakRendering.format(m, lang, "vigilEmailOtpBodyLifetime", 5))
                .contains(KeycloakRendering.format(m, lang, "vigilEmailOtpBodyRequest", "2026-08-31 09:10 UTC", "203.0.113.7", "Firefox/140.0"))
                .doesNotContain("vigilEmailOtp", "<p>", "&");
        // The code is the first number in the text part (what a reader, or a test, looks for).
        assertThat(text.indexOf("48213307")).isLessThan(text.indexOf("2026"));

        assertThat(KeycloakRendering.format(m, lang, "vigilEmailOtpSubject", "Demo Realm")).contains("Demo Realm").doesNotContain("{");
    }

    @ParameterizedTest
    @MethodSource("languages")
    void noAccountMail(String lang) throws Exception {
        Properties m = KeycloakRendering.messages(Theme.Type.EMAIL, lang);
        Map<String, Object> attributes = mailAttributes();

        Document html = Jsoup.parse(mail("html/vigil-email-otp-no-account.ftl", lang, attributes));
        assertThat(html.text())
                .contains(formatted(m, lang, "vigilEmailOtpNoAccountBody", "Demo Realm"))
                .contains(formatted(m, lang, "vigilEmailOtpBodyRequest", "2026-08-31 09:10 UTC", "203.0.113.7", "Firefox/140.0"))
                .contains(formatted(m, lang, "vigilEmailOtpNoAccountAdvice"))
                .doesNotContain("vigilEmailOtp");
        String text = mail("text/vigil-email-otp-no-account.ftl", lang, attributes);
        assertThat(text).contains(KeycloakRendering.format(m, lang, "vigilEmailOtpNoAccountBody", "Demo Realm"))
                .contains(KeycloakRendering.format(m, lang, "vigilEmailOtpBodyRequest", "2026-08-31 09:10 UTC", "203.0.113.7", "Firefox/140.0"))
                .contains(KeycloakRendering.format(m, lang, "vigilEmailOtpNoAccountAdvice")).doesNotContain("vigilEmailOtp");
        assertThat(KeycloakRendering.format(m, lang, "vigilEmailOtpNoAccountSubject", "Demo Realm")).contains("Demo Realm");
    }

    @Test
    void oneMinuteIsSingular() throws Exception {
        Map<String, Object> attributes = mailAttributes();
        attributes.put("code", "123456");
        attributes.put("lifetimeMinutes", 1);
        assertThat(mail("text/vigil-email-otp.ftl", "en", attributes)).contains("valid for 1 minute and");
        assertThat(mail("text/vigil-email-otp.ftl", "de", attributes)).contains("1 Minute lang");
    }

    @Test
    void requestDataNeverBecomesMarkupInHtmlMails() throws Exception {
        for (String template : List.of("html/vigil-email-otp.ftl", "html/vigil-email-otp-no-account.ftl")) {
            Map<String, Object> attributes = mailAttributes();
            attributes.put("code", "123456");
            attributes.put("lifetimeMinutes", 5);
            attributes.put("userAgent", HOSTILE_AGENT);
            attributes.put("ipAddress", "<b>203.0.113.7</b>");
            attributes.put("realmName", "Demo <i>Realm</i>");
            String raw = mail(template, "en", attributes);
            Document html = Jsoup.parse(raw);
            assertThat(html.select("script, a, b, i")).as(template).isEmpty();
            assertThat(raw).as(template).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;203.0.113.7&lt;/b&gt;");
            assertThat(html.text()).as(template).contains(HOSTILE_AGENT, "<b>203.0.113.7</b>", "Demo <i>Realm</i>");
        }
    }

    @Test
    void textMailsCarryRequestDataVerbatim() throws Exception {
        Map<String, Object> attributes = mailAttributes();
        attributes.put("code", "123456");
        attributes.put("lifetimeMinutes", 5);
        attributes.put("userAgent", "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0 & \"friends\"");
        assertThat(mail("text/vigil-email-otp.ftl", "en", attributes))
                .contains("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0 & \"friends\"");
    }

    @Test
    void withoutAUserAgentTheMailLeavesTheBrowserOut() throws Exception {
        Map<String, Object> attributes = mailAttributes();
        attributes.put("code", "123456");
        attributes.put("lifetimeMinutes", 5);
        attributes.put("userAgent", "");
        assertThat(mail("text/vigil-email-otp.ftl", "en", attributes))
                .contains("The request was made on 2026-08-31 09:10 UTC from the IP address 203.0.113.7.")
                .doesNotContain("browser");
    }

    @Test
    void anOverlongUserAgentIsCut() throws Exception {
        Map<String, Object> attributes = mailAttributes();
        attributes.put("code", "123456");
        attributes.put("lifetimeMinutes", 5);
        attributes.put("userAgent", "A".repeat(10_000));
        assertThat(mail("text/vigil-email-otp.ftl", "en", attributes).length()).isLessThan(1_000);
    }

    // ---- refresh-token theft response: the signed-out mail ---------------------------------------

    private static final String REUSE_MAIL = "vigil-refresh-reuse-signed-out.ftl";
    private static final List<String> ACTIONS = List.of("family", "session", "user");
    private static final Map<String, String> ACTION_KEYS = Map.of("family", "vigilRefreshReuseActionFamily",
            "session", "vigilRefreshReuseActionSession", "user", "vigilRefreshReuseActionUser");

    static Stream<Arguments> languagesAndActions() {
        return LANGUAGES.stream().flatMap(lang -> ACTIONS.stream().map(action -> Arguments.of(lang, action)));
    }

    @ParameterizedTest
    @MethodSource("languagesAndActions")
    void refreshReuseMail(String lang, String action) throws Exception {
        Properties m = KeycloakRendering.messages(Theme.Type.EMAIL, lang);
        Map<String, Object> attributes = reuseAttributes(action);
        String actionKey = ACTION_KEYS.get(action);
        Object actionArg = action.equals("user") ? "Demo Realm" : "Team Wiki";

        Document html = Jsoup.parse(mail("html/" + REUSE_MAIL, lang, attributes));
        assertThat(html.select("html").attr("lang")).isEqualTo(java.util.Locale.forLanguageTag(lang).getLanguage());
        assertThat(html.text())
                .contains("Demo Realm", "Team Wiki", "2026-11-23 10:15 UTC", "203.0.113.9", "okhttp/4.12.0")
                .contains(formatted(m, lang, "vigilRefreshReuseBody", "Team Wiki", "Demo Realm"))
                .contains(formatted(m, lang, actionKey, actionArg))
                .contains(formatted(m, lang, "vigilRefreshReuseSecondUse", "2026-11-23 10:15 UTC", "203.0.113.9", "okhttp/4.12.0"))
                .contains(formatted(m, lang, "vigilRefreshReuseSignInAgain"))
                .contains(formatted(m, lang, "vigilRefreshReuseNotYou"))
                .doesNotContain("vigilRefreshReuse");
        // Exactly the message of the action taken, no other.
        for (String other : ACTIONS) {
            if (!other.equals(action)) {
                assertThat(html.text()).doesNotContain(formatted(m, lang, ACTION_KEYS.get(other), actionArg));
            }
        }
        // Nothing to click, nothing secret.
        assertThat(html.select("a, img, form, script")).isEmpty();

        String text = mail("text/" + REUSE_MAIL, lang, attributes);
        assertThat(text).contains("Demo Realm", "Team Wiki", "2026-11-23 10:15 UTC", "203.0.113.9", "okhttp/4.12.0")
                .contains(KeycloakRendering.format(m, lang, "vigilRefreshReuseBody", "Team Wiki", "Demo Realm"))
                .contains(KeycloakRendering.format(m, lang, actionKey, actionArg))
                .contains(KeycloakRendering.format(m, lang, "vigilRefreshReuseSecondUse", "2026-11-23 10:15 UTC", "203.0.113.9", "okhttp/4.12.0"))
                .contains(KeycloakRendering.format(m, lang, "vigilRefreshReuseSignInAgain"))
                .contains(KeycloakRendering.format(m, lang, "vigilRefreshReuseNotYou"))
                .doesNotContain("vigilRefreshReuse", "<p>", "&", "\n\n\n");
        // What happened, what was done, when and from where, what to do: in that order.
        assertThat(text).containsSubsequence("Team Wiki", KeycloakRendering.format(m, lang, actionKey, actionArg),
                "2026-11-23 10:15 UTC", KeycloakRendering.format(m, lang, "vigilRefreshReuseNotYou"));

        assertThat(KeycloakRendering.format(m, lang, "vigilRefreshReuseSubject", "Demo Realm"))
                .contains("Demo Realm").doesNotContain("{", "''");
    }

    /** "Remember me" in the signed-out-everywhere message is the label of the login page's checkbox. */
    @ParameterizedTest
    @MethodSource("languages")
    void signedOutEverywhereNamesTheLoginPagesRememberMe(String lang) {
        String rememberMe = KeycloakRendering.messages(Theme.Type.LOGIN, lang).getProperty("rememberMe");
        assertThat(KeycloakRendering.format(KeycloakRendering.messages(Theme.Type.EMAIL, lang), lang,
                "vigilRefreshReuseActionUser", "Demo Realm")).contains(rememberMe);
    }

    @ParameterizedTest
    @MethodSource("languagesAndActions")
    void aHostileClientNameNeverBecomesMarkup(String lang, String action) throws Exception {
        Map<String, Object> attributes = reuseAttributes(action);
        attributes.put("clientName", "<script>alert(1)</script>");
        attributes.put("realmName", "Demo <i>Realm</i>");
        attributes.put("ipAddress", "<b>203.0.113.9</b>");
        attributes.put("userAgent", HOSTILE_AGENT);
        String raw = mail("html/" + REUSE_MAIL, lang, attributes);
        Document html = Jsoup.parse(raw);
        assertThat(html.select("script, a, b, i")).isEmpty();
        assertThat(raw).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Demo &lt;i&gt;Realm&lt;/i&gt;",
                "&lt;b&gt;203.0.113.9&lt;/b&gt;").doesNotContain("<script", "<i>", "<b>");
        assertThat(html.text()).contains("<script>alert(1)</script>", "Demo <i>Realm</i>", "<b>203.0.113.9</b>", HOSTILE_AGENT);

        // The text part is plain text: the same data, verbatim.
        assertThat(mail("text/" + REUSE_MAIL, lang, attributes))
                .contains("<script>alert(1)</script>", "Demo <i>Realm</i>", "<b>203.0.113.9</b>", HOSTILE_AGENT);
    }

    @Test
    void refreshReuseMailWithoutAddressOrBrowser() throws Exception {
        Map<String, Object> attributes = reuseAttributes("session");
        attributes.put("userAgent", "");
        assertThat(mail("text/" + REUSE_MAIL, "en", attributes))
                .contains("The second use was on 2026-11-23 10:15 UTC from the IP address 203.0.113.9.")
                .doesNotContain("browser");

        attributes.remove("userAgent");
        attributes.put("ipAddress", "");
        assertThat(mail("text/" + REUSE_MAIL, "en", attributes))
                .contains("The second use was on 2026-11-23 10:15 UTC.")
                .doesNotContain("IP address", "browser");

        attributes.put("userAgent", "Firefox/140.0");
        for (String template : List.of("html/" + REUSE_MAIL, "text/" + REUSE_MAIL)) {
            assertThat(Jsoup.parse(mail(template, "en", attributes)).text())
                    .contains("The second use was on 2026-11-23 10:15 UTC, with the browser or app \"Firefox/140.0\".")
                    .doesNotContain("IP address");
        }
    }

    @Test
    void refreshReuseMailCutsAnOverlongUserAgent() throws Exception {
        Map<String, Object> attributes = reuseAttributes("user");
        attributes.put("userAgent", "A".repeat(10_000));
        for (String template : List.of("html/" + REUSE_MAIL, "text/" + REUSE_MAIL)) {
            String mail = mail(template, "en", attributes);
            assertThat(mail).as(template).contains("A".repeat(200)).doesNotContain("A".repeat(257));
            assertThat(mail.length()).as(template).isLessThan(2_000);
        }
    }

    @Test
    void refreshReuseMailInEnglish() throws Exception {
        String family = mail("text/" + REUSE_MAIL, "en", reuseAttributes("family"));
        assertThat(family).contains("A token that keeps you signed in to Team Wiki with your Demo Realm account was used a second time.",
                "we signed you out of Team Wiki. Your other applications are not affected.",
                "with the browser or app \"okhttp/4.12.0\"", "sign in again",
                "change your password and contact your administrator");
        assertThat(mail("text/" + REUSE_MAIL, "en", reuseAttributes("session")))
                .contains("we ended the session this token belonged to: you were signed out of Team Wiki and of every other application");
        assertThat(mail("text/" + REUSE_MAIL, "en", reuseAttributes("user")))
                .contains("we ended every session of your Demo Realm account", "\"Remember me\"", "offline access");
    }

    // ---- audited impersonation: the notice to the impersonated user --------------------------------

    private static final String IMPERSONATION_MAIL = "vigil-impersonation-notice.ftl";
    private static final String REASON = "TICKET-4711: the invoices page stays empty";
    private static final String STARTED = "2026-11-23 10:15 UTC";
    private static final String EXPIRES = "2026-11-23 10:25 UTC";

    static Stream<Arguments> languagesAndParts() {
        return LANGUAGES.stream().flatMap(lang -> Stream.of("html/", "text/").map(part -> Arguments.of(lang, part)));
    }

    @ParameterizedTest
    @MethodSource("languages")
    void impersonationMail(String lang) throws Exception {
        Properties m = KeycloakRendering.messages(Theme.Type.EMAIL, lang);
        Map<String, Object> attributes = impersonationAttributes();

        Document html = Jsoup.parse(mail("html/" + IMPERSONATION_MAIL, lang, attributes));
        assertThat(html.select("html").attr("lang")).isEqualTo(java.util.Locale.forLanguageTag(lang).getLanguage());
        assertThat(html.text())
                .contains("Jane Agent", "Demo Realm", "Support Console", STARTED, EXPIRES, REASON)
                .contains(formatted(m, lang, "vigilImpersonationBody", "Jane Agent", "Demo Realm", "Support Console"))
                .contains(formatted(m, lang, "vigilImpersonationTime", STARTED, EXPIRES))
                .contains(formatted(m, lang, "vigilImpersonationReason", REASON))
                .contains(formatted(m, lang, "vigilImpersonationPassword"))
                .contains(formatted(m, lang, "vigilImpersonationNotExpected"))
                .doesNotContain(formatted(m, lang, "vigilImpersonationNoReason"))
                .doesNotContain("vigilImpersonation");
        // Nothing to click, nothing secret.
        assertThat(html.select("a, img, form, script")).isEmpty();

        String text = mail("text/" + IMPERSONATION_MAIL, lang, attributes);
        assertThat(text).contains("Jane Agent", "Demo Realm", "Support Console", STARTED, EXPIRES, REASON)
                .contains(KeycloakRendering.format(m, lang, "vigilImpersonationBody", "Jane Agent", "Demo Realm", "Support Console"))
                .contains(KeycloakRendering.format(m, lang, "vigilImpersonationTime", STARTED, EXPIRES))
                .contains(KeycloakRendering.format(m, lang, "vigilImpersonationReason", REASON))
                .contains(KeycloakRendering.format(m, lang, "vigilImpersonationPassword"))
                .contains(KeycloakRendering.format(m, lang, "vigilImpersonationNotExpected"))
                .doesNotContain("vigilImpersonation", "<p>", "&", "\n\n\n");
        // What happened, when, why, the password, what to do: in that order.
        assertThat(text).containsSubsequence("Jane Agent", STARTED, EXPIRES, REASON,
                KeycloakRendering.format(m, lang, "vigilImpersonationPassword"),
                KeycloakRendering.format(m, lang, "vigilImpersonationNotExpected"));

        assertThat(KeycloakRendering.format(m, lang, "vigilImpersonationSubject", "Demo Realm"))
                .contains("Demo Realm").doesNotContain("{", "''");
    }

    @Test
    void impersonationMailInEnglish() throws Exception {
        String text = mail("text/" + IMPERSONATION_MAIL, "en", impersonationAttributes());
        assertThat(text).contains(
                "A support agent, Jane Agent, signed in to your Demo Realm account as you, using the support tool Support Console.",
                "The access began on 2026-11-23 10:15 UTC and ends no later than 2026-11-23 10:25 UTC.",
                "Reason given: \"TICKET-4711: the invoices page stays empty\"",
                "The agent did not learn your password",
                "If you did not expect this access, contact your administrator.");
        assertThat(KeycloakRendering.format(KeycloakRendering.messages(Theme.Type.EMAIL, "en"), "en", "vigilImpersonationSubject",
                "Demo Realm")).isEqualTo("Support accessed your Demo Realm account");
    }

    @ParameterizedTest
    @MethodSource("languages")
    void aHostileReasonNeverBecomesMarkup(String lang) throws Exception {
        Map<String, Object> attributes = impersonationAttributes();
        attributes.put("reason", "<script>alert(1)</script>");
        attributes.put("actorName", "<b>Jane</b> Agent");
        attributes.put("clientName", HOSTILE_AGENT);
        attributes.put("realmName", "Demo <i>Realm</i>");
        String raw = mail("html/" + IMPERSONATION_MAIL, lang, attributes);
        Document html = Jsoup.parse(raw);
        assertThat(html.select("script, a, b, i")).isEmpty();
        assertThat(raw).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;Jane&lt;/b&gt; Agent", "Demo &lt;i&gt;Realm&lt;/i&gt;")
                .doesNotContain("<script", "<b>", "<i>", "<a ");
        assertThat(html.text()).contains("<script>alert(1)</script>", "<b>Jane</b> Agent", "Demo <i>Realm</i>", HOSTILE_AGENT);

        // The text part is plain text: the same data, verbatim.
        assertThat(mail("text/" + IMPERSONATION_MAIL, lang, attributes))
                .contains("<script>alert(1)</script>", "<b>Jane</b> Agent", "Demo <i>Realm</i>", HOSTILE_AGENT);
    }

    @ParameterizedTest
    @MethodSource("languagesAndParts")
    void anOverlongReasonIsCutTo500Characters(String lang, String part) throws Exception {
        Map<String, Object> attributes = impersonationAttributes();
        attributes.put("reason", "A".repeat(10_000));
        String mail = mail(part + IMPERSONATION_MAIL, lang, attributes);
        assertThat(mail).contains("A".repeat(450)).doesNotContain("A".repeat(501));
        assertThat(mail.length()).isLessThan(part.equals("html/") ? 4_000 : 2_000);

        // Words, and characters the HTML part escapes: cut first, then escaped, never cut inside an entity.
        String words = "<b>" + "word & more ".repeat(100);
        attributes.put("reason", words);
        String raw = mail(part + IMPERSONATION_MAIL, lang, attributes);
        String rendered = part.equals("html/") ? Jsoup.parse(raw).text() : raw;
        String shown = rendered.substring(rendered.indexOf("<b>word & more"));
        assertThat(shown).startsWith("<b>word & more word & more");
        assertThat(shown.indexOf("[...]")).isBetween(400, 500);
        assertThat(rendered).doesNotContain("&amp;", "&lt;");
        if (part.equals("html/")) {
            assertThat(raw).contains("&lt;b&gt;word &amp; more word &amp; more").doesNotContain("<b>");
        }

        // Exactly 500 characters are kept whole.
        attributes.put("reason", "B".repeat(500));
        assertThat(mail(part + IMPERSONATION_MAIL, lang, attributes)).contains("B".repeat(500)).doesNotContain("[...]");
    }

    @ParameterizedTest
    @MethodSource("languagesAndParts")
    void impersonationMailWithEmptyAttributes(String lang, String part) throws Exception {
        Properties m = KeycloakRendering.messages(Theme.Type.EMAIL, lang);
        Map<String, Object> attributes = impersonationAttributes();
        attributes.put("clientName", "");
        attributes.put("reason", "  ");
        assertThat(Jsoup.parse(mail(part + IMPERSONATION_MAIL, lang, attributes)).text())
                .contains(formatted(m, lang, "vigilImpersonationBodyNoTool", "Jane Agent", "Demo Realm"))
                .contains(formatted(m, lang, "vigilImpersonationNoReason"))
                .doesNotContain(formatted(m, lang, "vigilImpersonationReason", "").strip());

        attributes.put("actorName", "");
        attributes.put("clientName", "Support Console");
        attributes.put("expiresAt", "");
        assertThat(Jsoup.parse(mail(part + IMPERSONATION_MAIL, lang, attributes)).text())
                .contains(formatted(m, lang, "vigilImpersonationBodyNoAgent", "Demo Realm", "Support Console"))
                .contains(formatted(m, lang, "vigilImpersonationTimeStartOnly", STARTED));

        attributes.clear();
        attributes.put("realmName", "Demo Realm");
        String mail = mail(part + IMPERSONATION_MAIL, lang, attributes);
        assertThat(Jsoup.parse(mail).text())
                .contains(formatted(m, lang, "vigilImpersonationBodyNoAgentNoTool", "Demo Realm"))
                .contains(formatted(m, lang, "vigilImpersonationNoReason"))
                .contains(formatted(m, lang, "vigilImpersonationNotExpected"))
                .doesNotContain("UTC", "vigilImpersonation");
        assertThat(mail).doesNotContain("\n\n\n");

        attributes.put("expiresAt", EXPIRES);
        assertThat(Jsoup.parse(mail(part + IMPERSONATION_MAIL, lang, attributes)).text())
                .contains(formatted(m, lang, "vigilImpersonationTimeEndOnly", EXPIRES));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static Map<String, Object> vigilOtp(String recipient, boolean firstFactor, boolean codeRequested,
            int codeLength, int lifetimeMinutes, long resendWaitSeconds) {
        Map<String, Object> otp = new HashMap<>();
        otp.put("recipient", recipient);
        otp.put("firstFactor", firstFactor);
        otp.put("codeRequested", codeRequested);
        otp.put("codeLength", codeLength);
        otp.put("lifetimeMinutes", lifetimeMinutes);
        otp.put("resendWaitSeconds", resendWaitSeconds);
        return otp;
    }

    private static Document loginPage(String template, String lang, Map<String, String> fieldErrors, String pageError) throws Exception {
        return loginPage(template, lang, null, fieldErrors, pageError);
    }

    private static Document loginPage(String template, String lang, Map<String, Object> vigilOtp,
            Map<String, String> fieldErrors, String pageError) throws Exception {
        Map<String, Object> data = KeycloakRendering.loginPage(lang, fieldErrors);
        if (vigilOtp != null) {
            data.put("vigilOtp", vigilOtp);
        }
        if (pageError != null) {
            Properties m = KeycloakRendering.messages(Theme.Type.LOGIN, lang);
            data.put("message", Map.of("type", "error", "summary", KeycloakRendering.format(m, lang, pageError)));
        }
        return Jsoup.parse(KeycloakRendering.render(KeycloakRendering.loginTheme(), template, data));
    }

    private static Map<String, Object> mailAttributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("realmName", "Demo Realm");
        attributes.put("requestedAt", "2026-08-31 09:10 UTC");
        attributes.put("ipAddress", "203.0.113.7");
        attributes.put("userAgent", "Firefox/140.0");
        return attributes;
    }

    /** What the refresh-token theft response passes to EmailTemplateProvider.send(...). */
    private static Map<String, Object> reuseAttributes(String action) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("realmName", "Demo Realm");
        attributes.put("clientName", "Team Wiki");
        attributes.put("detectedAt", "2026-11-23 10:15 UTC");
        attributes.put("ipAddress", "203.0.113.9");
        attributes.put("userAgent", "okhttp/4.12.0");
        attributes.put("action", action);
        return attributes;
    }

    /** What the audited impersonation passes to EmailTemplateProvider.send(...). */
    private static Map<String, Object> impersonationAttributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("realmName", "Demo Realm");
        attributes.put("actorName", "Jane Agent");
        attributes.put("reason", REASON);
        attributes.put("startedAt", STARTED);
        attributes.put("expiresAt", EXPIRES);
        attributes.put("clientName", "Support Console");
        return attributes;
    }

    private static String mail(String template, String lang, Map<String, Object> attributes) throws Exception {
        return KeycloakRendering.render(KeycloakRendering.emailTheme(), template, KeycloakRendering.mail(lang, attributes));
    }

    /** A message as the page shows it, whitespace as jsoup's text() normalises it. */
    private static String formatted(Properties messages, String lang, String key, Object... args) {
        return KeycloakRendering.format(messages, lang, key, args).replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }
}
