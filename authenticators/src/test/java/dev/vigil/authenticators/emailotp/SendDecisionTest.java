package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.authenticators.emailotp.SendDecision.Mail;
import dev.vigil.authenticators.emailotp.SendDecision.Recipient;
import org.junit.jupiter.api.Test;

class SendDecisionTest {

    @Test
    void onlyAnAccountWithinTheLimitsGetsACode() {
        assertThat(SendDecision.decide(Recipient.ACCOUNT, true, true, false, true)).isEqualTo(new SendDecision(Mail.CODE, "sent"));
        assertThat(SendDecision.decide(Recipient.DISABLED, true, true, true, true).mail()).isEqualTo(Mail.NONE);
        assertThat(SendDecision.decide(Recipient.LOCKED, true, true, true, true).reason()).isEqualTo("user-locked");
        assertThat(SendDecision.decide(Recipient.NO_EMAIL, true, true, true, true).mail()).isEqualTo(Mail.NONE);
    }

    @Test
    void rateLimitsWinOverEverything() {
        SendDecision address = SendDecision.decide(Recipient.ACCOUNT, false, true, false, true);
        assertThat(address).isEqualTo(new SendDecision(Mail.NONE, "rate-limited-address"));
        assertThat(address.rateLimited()).isTrue();
        assertThat(SendDecision.decide(Recipient.ACCOUNT, true, false, false, true).reason()).isEqualTo("rate-limited-ip");
        assertThat(SendDecision.decide(Recipient.UNKNOWN, false, true, true, true).mail()).isEqualTo(Mail.NONE);
    }

    @Test
    void unknownAddressesAreToldOnlyWhenSwitchedOnAndAnAddressWasTyped() {
        assertThat(SendDecision.decide(Recipient.UNKNOWN, true, true, false, true).mail()).isEqualTo(Mail.NONE);
        assertThat(SendDecision.decide(Recipient.UNKNOWN, true, true, true, true).mail()).isEqualTo(Mail.NO_ACCOUNT_NOTICE);
        assertThat(SendDecision.decide(Recipient.UNKNOWN, true, true, true, false).mail())
                .as("a username is not an address to write to").isEqualTo(Mail.NONE);
    }
}
