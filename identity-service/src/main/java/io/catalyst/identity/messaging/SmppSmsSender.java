package io.catalyst.identity.messaging;

import io.catalyst.identity.otp.SmsSender;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS over SMPP 3.4 (jSMPP): one transmitter bind to the operator's SMSC, kept alive with enquire_link and rebound
 * in the background when the connection is lost. A send finds the session bound or binds it first; a connection
 * lost during a submit is rebound and the submit tried once more. When the SMSC cannot be reached or refuses the
 * message, the user gets a 503 problem (try again) and the transaction that stored the code rolls back: no code is
 * kept that was never sent.
 */
class SmppSmsSender implements SmsSender, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmppSmsSender.class);
  private static final int SHORT_MESSAGE_OCTETS = 140;

  private final SmsSettings.Smpp smpp;
  private final SmsText.Address source;
  private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "smpp-reconnect");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean reconnectPending = new AtomicBoolean();
  private final Object binding = new Object();
  private volatile SMPPSession session;
  private volatile boolean closed;

  SmppSmsSender(SmsSettings.Smpp smpp, String sender) {
    this.smpp = smpp;
    this.source = SmsText.source(sender);
  }

  /** Binds in the background: an SMSC that is down at start does not keep identity-service from starting. */
  void start() {
    scheduleReconnect(Duration.ZERO);
  }

  @Override
  public void send(String phone, String text) {
    SmsText.Encoded message = SmsText.encode(text, smpp.dataCoding() == SmsSettings.Smpp.DataCoding.UCS2);
    for (int attempt = 1; ; attempt++) {
      SMPPSession s;
      try {
        s = bound();
      } catch (IOException e) {
        log.warn("SMSC {}:{}: connect or bind failed, the text message was not sent: {}", smpp.host(), smpp.port(), e.toString());
        scheduleReconnect(smpp.reconnectAfter());
        throw Undelivered.problem("text message", "sms-gateway", Duration.ofSeconds(30));
      }
      try {
        submit(s, phone, message);
        return;
      } catch (NegativeResponseException e) {
        // The SMSC answered and refused (throttled, bad destination, …): retrying at once would not help.
        log.error("SMSC refused the text message: command status 0x{}", Integer.toHexString(e.getCommandStatus()));
        throw Undelivered.problem("text message", "sms-gateway", Duration.ofSeconds(30));
      } catch (IOException | ResponseTimeoutException e) {
        log.warn("SMPP submit failed on attempt {}: {}", attempt, e.toString());
        drop(s);
        if (attempt == 2) {
          throw Undelivered.problem("text message", "sms-gateway", Duration.ofSeconds(30));
        }
      } catch (PDUException | InvalidResponseException e) {
        log.error("SMPP submit failed: {}", e.toString());
        throw Undelivered.problem("text message", "sms-gateway", Duration.ofSeconds(30));
      }
    }
  }

  private void submit(SMPPSession s, String phone, SmsText.Encoded message)
      throws IOException, PDUException, ResponseTimeoutException, InvalidResponseException,
      NegativeResponseException {
    boolean payload = message.bytes().length > SHORT_MESSAGE_OCTETS;
    OptionalParameter[] optional = payload
        ? new OptionalParameter[] {new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(),
            message.bytes())}
        : new OptionalParameter[0];
    s.submitShortMessage("", source.ton(), source.npi(), source.address(),
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, phone.startsWith("+") ? phone.substring(1) : phone,
        new ESMClass(), (byte) 0, (byte) 1, null, null, new RegisteredDelivery(), (byte) 0,
        new GeneralDataCoding(message.ucs2() ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_IA5), (byte) 0,
        payload ? new byte[0] : message.bytes(), optional);
  }

  private SMPPSession bound() throws IOException {
    SMPPSession s = session;
    if (s != null && s.getSessionState().isBound()) {
      return s;
    }
    synchronized (binding) {
      s = session;
      if (s != null && s.getSessionState().isBound()) {
        return s;
      }
      if (closed) {
        throw new IOException("the SMPP sender is closed");
      }
      if (s != null) {
        s.close();
      }
      session = connect();
      return session;
    }
  }

  private SMPPSession connect() throws IOException {
    SMPPSession s = new SMPPSession();
    s.setTransactionTimer(smpp.responseTimeout().toMillis());
    s.setEnquireLinkTimer((int) smpp.enquireLink().toMillis());
    try {
      s.connectAndBind(smpp.host(), smpp.port(), new BindParameter(BindType.BIND_TX, smpp.systemId(),
          smpp.password(), smpp.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
          smpp.bindTimeout().toMillis());
    } catch (IOException e) {
      s.close();
      throw e;
    }
    s.addSessionStateListener((newState, oldState, source) -> {
      if (newState == SessionState.CLOSED && !closed) {
        log.warn("SMPP session to {}:{} closed; rebinding", smpp.host(), smpp.port());
        scheduleReconnect(smpp.reconnectAfter());
      }
    });
    log.info("Bound to the SMSC {}:{} as transmitter {}", smpp.host(), smpp.port(), smpp.systemId());
    return s;
  }

  private void drop(SMPPSession s) {
    synchronized (binding) {
      if (session == s) {
        session = null;
      }
    }
    s.close();
  }

  private void scheduleReconnect(Duration delay) {
    if (closed || !reconnectPending.compareAndSet(false, true)) {
      return;
    }
    reconnects.schedule(() -> {
      reconnectPending.set(false);
      try {
        bound();
      } catch (IOException | RuntimeException e) {
        log.warn("SMSC {}:{} still unreachable ({}); retrying in {}", smpp.host(), smpp.port(), e.toString(),
            smpp.reconnectAfter());
        scheduleReconnect(smpp.reconnectAfter());
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    reconnects.shutdownNow();
    SMPPSession s = session;
    if (s != null) {
      s.unbindAndClose();
    }
  }
}
