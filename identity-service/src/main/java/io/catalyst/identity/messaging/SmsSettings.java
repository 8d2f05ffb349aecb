package io.catalyst.identity.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.identity.sms.*}: how identity-service sends text messages (one-time codes, phone invitations).
 * Passwords and API keys come from the environment ({@code CATALYST_IDENTITY_SMS_SMPP_PASSWORD},
 * {@code CATALYST_IDENTITY_SMS_HTTP_APIKEY}; Secrets on Kubernetes).
 *
 * @param provider {@code smpp}, {@code http}, {@code none} (no SMS: sending answers 503) or {@code dev-inbox} (the
 *                 local stack's test double); unset means the dev inbox when it is enabled and a start-up failure
 *                 otherwise
 * @param sender   the source address the operator assigned: a short code, a number or an alphanumeric sender id
 */
@ConfigurationProperties("catalyst.identity.sms")
public record SmsSettings(
    Provider provider,
    @DefaultValue("Catalyst") String sender,
    @DefaultValue Smpp smpp,
    @DefaultValue Http http) {

  public enum Provider { DEV_INBOX, SMPP, HTTP, NONE }

  /**
   * An SMPP 3.4 transmitter bind to the operator's SMSC.
   *
   * @param host            the SMSC
   * @param port            its port (2775 is usual)
   * @param systemId        the bind's system_id
   * @param password        the bind's password, from the environment
   * @param systemType      the bind's system_type (often empty)
   * @param dataCoding      {@code auto}: ASCII text as IA5 (data_coding 1), anything else as UCS2 (8); {@code ucs2}
   * @param bindTimeout     how long a connect and bind may take
   * @param responseTimeout how long a submit_sm waits for its submit_sm_resp
   * @param enquireLink     keep-alive interval (enquire_link), which also detects a lost connection
   * @param reconnectAfter  pause between reconnection attempts in the background
   */
  public record Smpp(
      String host,
      @DefaultValue("2775") int port,
      String systemId,
      String password,
      @DefaultValue("") String systemType,
      @DefaultValue("auto") DataCoding dataCoding,
      @DefaultValue("10s") Duration bindTimeout,
      @DefaultValue("10s") Duration responseTimeout,
      @DefaultValue("30s") Duration enquireLink,
      @DefaultValue("5s") Duration reconnectAfter) {

    public enum DataCoding { AUTO, UCS2 }
  }

  /**
   * A provider's HTTP API: a POST of {@code body} to {@code url} with the API key in a header.
   *
   * @param url          the provider's endpoint
   * @param format       {@code json} or {@code form} (application/x-www-form-urlencoded)
   * @param body         the body template; {@code {to}}, {@code {from}} and {@code {text}} are replaced (JSON-escaped
   *                     or URL-encoded by {@code format}); empty: {@code {"to":"{to}","from":"{from}","text":"{text}"}}
   *                     or {@code to={to}&from={from}&text={text}}
   * @param apiKeyHeader the header carrying the key, e.g. {@code Authorization} or {@code X-API-Key}
   * @param apiKeyPrefix written before the key, e.g. {@code "Bearer "}
   * @param apiKey       the key, from the environment
   * @param timeout      connect and request timeout
   */
  public record Http(
      String url,
      @DefaultValue("json") Format format,
      String body,
      @DefaultValue("Authorization") String apiKeyHeader,
      @DefaultValue("") String apiKeyPrefix,
      String apiKey,
      @DefaultValue("10s") Duration timeout) {

    public enum Format { JSON, FORM }
  }
}
