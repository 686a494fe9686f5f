package dev.vigil.testing.demo;

import dev.vigil.testing.Mailbox;
import dev.vigil.testing.client.Mails;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints every mail the demo's SMTP sink receives: to, subject, text body. */
final class MailPrinter implements AutoCloseable {

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-mail-printer");
        t.setDaemon(true);
        return t;
    });
    private int printed;

    MailPrinter(Mailbox mailbox) {
        poller.scheduleWithFixedDelay(() -> print(mailbox.all()), 500, 500, TimeUnit.MILLISECONDS);
    }

    private void print(List<MimeMessage> mails) {
        for (; printed < mails.size(); printed++) {
            MimeMessage mail = mails.get(printed);
            try {
                DemoLauncher.say("---- mail ----------------------------------------------------------");
                DemoLauncher.say("To:      " + Arrays.toString(mail.getAllRecipients()));
                DemoLauncher.say("Subject: " + mail.getSubject());
                DemoLauncher.say("");
                DemoLauncher.say(Mails.text(mail).strip());
                DemoLauncher.say("--------------------------------------------------------------------");
            } catch (Exception e) {
                DemoLauncher.say("(a mail arrived that could not be read: " + e.getMessage() + ")");
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
