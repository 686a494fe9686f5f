package dev.vigil.testing.client;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what tests need out of a received mail. */
public final class Mails {

    private static final Pattern CODE = Pattern.compile("(?<![0-9.:-])([0-9]{6,10})(?![0-9.:-])");

    private Mails() {
    }

    public static String text(MimeMessage mail) {
        try {
            return text((Part) mail);
        } catch (Exception e) {
            throw new AssertionError("cannot read mail", e);
        }
    }

    /** The one-time code in a code mail's text part. */
    public static String code(MimeMessage mail) {
        return code(text(mail));
    }

    /** The one-time code in a mail's text. */
    public static String code(String mailText) {
        Matcher m = CODE.matcher(mailText);
        if (!m.find()) {
            throw new AssertionError("no code in mail:\n" + mailText);
        }
        return m.group(1);
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
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
}
