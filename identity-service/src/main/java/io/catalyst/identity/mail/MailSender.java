package io.catalyst.identity.mail;

/**
 * The port to the mail provider (a boundary we do not own). A Sovereign plugs its provider in; locally the dev inbox
 * ({@code DevInboxSmsSender}) stands in for it and tests read the messages back.
 */
public interface MailSender {

  void send(String email, String subject, String body);
}
