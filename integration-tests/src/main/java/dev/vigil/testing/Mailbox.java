package dev.vigil.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A real SMTP server on loopback (GreenMail) that keeps every mail Keycloak sends. */
public final class Mailbox implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;

    private Mailbox(int port) {
        this.port = port;
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public static Mailbox start() {
        return new Mailbox(FreePorts.next());
    }

    public static Mailbox start(int port) {
        FreePorts.requireFree(port, "SMTP sink");
        return new Mailbox(port);
    }

    public int port() {
        return port;
    }

    public List<MimeMessage> all() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    public List<MimeMessage> to(String address) {
        return all().stream().filter(m -> recipients(m).contains(address.toLowerCase())).collect(Collectors.toList());
    }

    /** Waits until {@code address} has received at least {@code count} mails. */
    public List<MimeMessage> awaitTo(String address, int count) {
        return Deadline.await(count + " mail(s) to " + address, Duration.ofSeconds(20), () -> {
            List<MimeMessage> mails = to(address);
            return mails.size() >= count ? mails : null;
        });
    }

    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot purge the mailbox", e);
        }
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients()).toLowerCase();
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
