package io.catalyst.gateway.web;

import io.catalyst.platform.core.ProblemTypes;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the HTTP decoder cannot take (headers larger than {@code server.max-http-request-header-size}, a request
 * line longer than the limit, bytes that are not HTTP) never reach Spring: Reactor Netty answers them itself with an
 * empty 431, 414 or 400. This handler sits between the decoder and Reactor Netty's and answers them with the
 * gateway's problem body instead ({@link ProblemWriter}'s shape), then closes the connection as Reactor Netty would.
 */
@ChannelHandler.Sharable
final class DecodingFailureProblems extends ChannelInboundHandlerAdapter {

  static final String NAME = "catalyst.decodingFailureProblems";
  private static final Logger log = LoggerFactory.getLogger(DecodingFailureProblems.class);

  private final JsonMapper json;
  private final long maxHeaderBytes;
  private final int maxInitialLineLength;

  DecodingFailureProblems(JsonMapper json, long maxHeaderBytes, int maxInitialLineLength) {
    this.json = json;
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxInitialLineLength = maxInitialLineLength;
  }

  /** Puts the handler in front of Reactor Netty's HTTP handler on every new connection. */
  HttpServer installOn(HttpServer server) {
    return server.doOnChannelInit((observer, channel, remoteAddress) -> {
      if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null && channel.pipeline().get(NAME) == null) {
        channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, NAME, this);
      }
    });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request) || !request.decoderResult().isFailure()) {
      ctx.fireChannelRead(msg);
      return;
    }
    Throwable cause = request.decoderResult().cause();
    String path = cause instanceof TooLongHttpLineException ? null : pathOf(request.uri());
    ReferenceCountUtil.release(msg);
    HttpResponseStatus status;
    String detail;
    if (cause instanceof TooLongHttpHeaderException) {
      status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
      detail = "The request's headers are larger than the " + maxHeaderBytes + " bytes the API accepts; send a "
          + "shorter Authorization header (an access token or a personal access token) and fewer or smaller cookies.";
    } else if (cause instanceof TooLongHttpLineException) {
      status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
      detail = "The request line (method, path and query) is longer than the " + maxInitialLineLength
          + " bytes the API accepts; send a shorter URL (put large inputs in a request body).";
    } else {
      status = HttpResponseStatus.BAD_REQUEST;
      detail = "The request is not valid HTTP/1.1 (its request line or a header could not be read).";
    }
    String requestId = UUID.randomUUID().toString();
    log.info("Refused an undecodable request with {} [requestId={}]: {}", status.code(), requestId,
        cause == null ? "-" : cause.getMessage());
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", ProblemTypes.forStatus(status.code()).toString());
    problem.put("title", status.reasonPhrase());
    problem.put("status", status.code());
    problem.put("detail", detail);
    if (path != null) {
      problem.put("instance", path);
    }
    problem.put("requestId", requestId);
    byte[] body = json.writeValueAsBytes(problem);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .set(RequestIdFilter.HEADER, requestId);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /** The path of the request target, without its query; nothing when it is not a sane path. */
  private static String pathOf(String uri) {
    if (uri == null || !uri.startsWith("/")) {
      return null;
    }
    int query = uri.indexOf('?');
    String path = query >= 0 ? uri.substring(0, query) : uri;
    return path.length() <= 256 && path.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')
        ? path : null;
  }
}
