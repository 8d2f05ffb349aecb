package io.catalyst.identity.messaging;

import java.nio.charset.StandardCharsets;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/** How a text and a sender id go into SMPP fields; pure, no connection. */
final class SmsText {

  private SmsText() {}

  record Encoded(byte[] bytes, boolean ucs2) {}

  record Address(TypeOfNumber ton, NumberingPlanIndicator npi, String address) {}

  /** ASCII text as IA5 (one octet a character); anything else (Arabic names, accents) as UCS2, UTF-16BE. */
  static Encoded encode(String text, boolean forceUcs2) {
    boolean ascii = text.chars().allMatch(c -> c < 0x80);
    return ascii && !forceUcs2 ? new Encoded(text.getBytes(StandardCharsets.US_ASCII), false)
        : new Encoded(text.getBytes(StandardCharsets.UTF_16BE), true);
  }

  static String decode(byte[] bytes, boolean ucs2) {
    return new String(bytes, ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII);
  }

  /**
   * The sender as the operator assigned it: an international number ({@code +968…} or more than 8 digits), a short
   * code (up to 8 digits) or an alphanumeric sender id (at most 11 characters in GSM networks).
   */
  static Address source(String sender) {
    if (sender.matches("\\+?\\d+")) {
      String digits = sender.startsWith("+") ? sender.substring(1) : sender;
      return sender.startsWith("+") || digits.length() > 8
          ? new Address(TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, digits)
          : new Address(TypeOfNumber.NATIONAL, NumberingPlanIndicator.ISDN, digits);
    }
    return new Address(TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, sender);
  }
}
