package io.catalyst.platform.web.problem;

import io.catalyst.platform.core.ProblemTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat answers a request it cannot parse (headers larger than {@code server.max-http-request-header-size}, a
 * broken request line) itself, before Spring sees it, with an HTML error page. This valve takes the place of Tomcat's
 * error report on the host and answers such errors as problems like every other error (headers too large: 431).
 * Errors that went through Spring already have their problem body and are left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final long maxHeaderBytes;

  public ProblemErrorReportValve(long maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
      return;
    }
    String detail;
    if (throwable != null && String.valueOf(throwable.getMessage()).contains("header is too large")) {
      status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
      detail = "The request's headers are larger than the " + maxHeaderBytes + " bytes this service accepts; send a "
          + "shorter Authorization header (an access token or a personal access token) and fewer or smaller cookies.";
    } else if (status == HttpStatus.BAD_REQUEST.value()) {
      detail = "The request is not valid HTTP (its request line or a header could not be read).";
    } else {
      HttpStatus known = HttpStatus.resolve(status);
      detail = "The request was refused (" + status + (known != null ? " " + known.getReasonPhrase() : "") + ").";
    }
    HttpStatus known = HttpStatus.resolve(status);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", ProblemTypes.forStatus(status).toString());
    problem.put("title", known != null ? known.getReasonPhrase() : "Error " + status);
    problem.put("status", status);
    problem.put("detail", detail);
    String path = request.getRequestURI();
    if (path != null && path.startsWith("/") && path.length() <= 256) {
      problem.put("instance", path);
    }
    byte[] body = JSON.writeValueAsBytes(problem);
    try {
      response.setStatus(status);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setContentLength(body.length);
      OutputStream out = response.getOutputStream();
      out.write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      log.debug("Could not write the problem of a request Tomcat refused: {}", e.toString());
    }
  }
}
