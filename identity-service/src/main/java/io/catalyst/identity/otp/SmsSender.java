package io.catalyst.identity.otp;

/**
 * The port to the SMS gateway (an operator's API, a boundary we do not own). A Sovereign plugs its provider in;
 * locally {@link DevInboxSmsSender} stands in for it.
 */
public interface SmsSender {

  void send(String phone, String message);
}
