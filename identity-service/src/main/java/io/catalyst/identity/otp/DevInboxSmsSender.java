package io.catalyst.identity.otp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Test double of the SMS gateway and the mail provider for the local stack and tests: messages land in memory and are read back through
 * {@code GET /api/v1/identity/dev/inbox}. Only active with {@code catalyst.identity.dev-inbox.enabled=true}, and the
 * {@link SmsSender} and {@code MailSender} only when no real provider is configured ({@code MessagingConfiguration}).
 */
public class DevInboxSmsSender {

  private static final int KEEP = 500;
  private final Deque<Message> messages = new ConcurrentLinkedDeque<>();
  private final Clock clock;

  public DevInboxSmsSender(Clock clock) {
    this.clock = clock;
  }

  public record Message(String to, String text, Instant sentAt) {}

  public void send(String phone, String message) {
    messages.addFirst(new Message(phone, message, clock.instant()));
    while (messages.size() > KEEP) {
      messages.pollLast();
    }
  }

  /** A mail lands in the same inbox, addressed to the email; the text is the subject, a blank line and the body. */
  public void send(String email, String subject, String body) {
    send(email, subject + "\n\n" + body);
  }

  /** Newest first. */
  public List<Message> to(String phone) {
    List<Message> out = new ArrayList<>();
    messages.stream().filter(m -> m.to().equals(phone)).forEach(out::add);
    return out;
  }
}
