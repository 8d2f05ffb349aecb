package io.catalyst.platform.web;

import io.catalyst.platform.core.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies larger than {@code catalyst.web.max-request-size} with a 413 problem before anything reads
 * them. Paths in {@code catalyst.web.unlimited-paths} (the Git host's pushes) stream without a limit.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  @ConfigurationProperties("catalyst.web")
  public record Properties(
      @DefaultValue("2MB") DataSize maxRequestSize,
      @DefaultValue("/git/") List<String> unlimitedPaths) {}

  private final Properties properties;
  private final JsonMapper json;

  public RequestSizeLimitFilter(Properties properties, JsonMapper json) {
    this.properties = properties;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return properties.unlimitedPaths().stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    long max = properties.maxRequestSize().toBytes();
    if (length > max) {
      ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
          "The request body has " + length + " bytes; this service accepts at most " + max + " bytes.");
      body.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
      body.setTitle("Payload too large");
      body.setInstance(URI.create(request.getRequestURI()));
      response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setHeader("Connection", "close");
      json.writeValue(response.getOutputStream(), body);
      return;
    }
    chain.doFilter(request, response);
  }
}
