package dev.vigil.testing.demo;

import dev.vigil.testing.Mailbox;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
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
                DemoLauncher.say(text(mail));
                DemoLauncher.say("--------------------------------------------------------------------");
            } catch (Exception e) {
                DemoLauncher.say("(a mail arrived that could not be read: " + e.getMessage() + ")");
            }
        }
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent()).strip();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = text(body);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
