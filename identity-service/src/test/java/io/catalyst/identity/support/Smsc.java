package io.catalyst.identity.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * An SMSC in the test's JVM, built on jSMPP's own server side ({@link SMPPServerSessionListener}): the real SMPP 3.4
 * peer of identity-service's SMPP adapter (the operator's SMSC is a boundary we do not own). It accepts binds with
 * one system id and password, acknowledges every submit_sm and keeps what arrived. {@link #stop()} closes the port
 * and every connection, as an SMSC going down does; {@link #start()} opens the same port again.
 */
public final class Smsc implements AutoCloseable {

  /** A submit_sm as the SMSC received it, text decoded from short_message or message_payload. */
  public record Received(String systemId, String destination, byte destinationTon, String source, byte dataCoding,
      String text) {}

  private final int port;
  private final String systemId;
  private final String password;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile SMPPServerSessionListener listener;

  public Smsc(int port, String systemId, String password) {
    this.port = port;
    this.systemId = systemId;
    this.password = password;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  public synchronized Smsc start() throws IOException {
    SMPPServerSessionListener l = new SMPPServerSessionListener(port);
    l.setMessageReceiverListener(new Receiver());
    listener = l;
    Thread.ofPlatform().daemon().name("smsc-accept-" + port).start(() -> accept(l));
    return this;
  }

  private void accept(SMPPServerSessionListener l) {
    while (listener == l) {
      SMPPServerSession session;
      try {
        session = l.accept();
      } catch (IOException closed) {
        return;
      }
      sessions.add(session);
      Thread.ofPlatform().daemon().start(() -> {
        try {
          BindRequest bind = session.waitForBind(5_000);
          if (systemId.equals(bind.getSystemId()) && password.equals(bind.getPassword())) {
            bind.accept("test-smsc");
          } else {
            bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
          }
        } catch (Exception e) {
          session.close();
        }
      });
    }
  }

  /** Closes the port and every bound connection. */
  public synchronized void stop() throws IOException {
    SMPPServerSessionListener l = listener;
    listener = null;
    if (l != null) {
      l.close();
    }
    sessions.forEach(SMPPServerSession::close);
    sessions.clear();
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  /** The next submit_sm, waiting up to {@code timeout}; null when none came. */
  public Received next(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Forgets what arrived so far. */
  public void clear() {
    received.clear();
  }

  private final class Receiver implements ServerMessageReceiverListener {

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session)
        throws ProcessRequestException {
      byte[] bytes = submit.getShortMessage();
      OptionalParameter payload = submit.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
      if ((bytes == null || bytes.length == 0) && payload instanceof OptionalParameter.OctetString octets) {
        bytes = octets.getValue();
      }
      boolean ucs2 = submit.getDataCoding() == 0x08;
      String text = new String(bytes, ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
      received.add(new Received(systemId, submit.getDestAddress(), submit.getDestAddrTon(), submit.getSourceAddr(),
          submit.getDataCoding(), text));
      try {
        return new SubmitSmResult(new MessageId(Integer.toHexString(ids.incrementAndGet())),
            new OptionalParameter[0]);
      } catch (Exception e) {
        throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
      }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti s, SMPPServerSession session)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession session) throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession session) throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm c, SMPPServerSession session) throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession session)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession session)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession session)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm d, Session session) throws ProcessRequestException {
      throw unsupported();
    }

    private ProcessRequestException unsupported() {
      return new ProcessRequestException("not supported by the test SMSC", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }
}
