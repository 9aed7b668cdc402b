package dev.converge.api.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies over {@code converge.api.max-request-bytes} get 413 naming the limit, before anything
 * reads them: a declared length is checked at once, a streamed body as it is read. Without this a
 * large value reached Temporal, which refused the payload, and the caller saw a 500.
 */
@Component
public class RequestSizeLimit extends OncePerRequestFilter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final long maxBytes;

  public RequestSizeLimit(@Value("${converge.api.max-request-bytes:1048576}") long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      tooLarge(response, declared + " bytes");
      return;
    }
    // A streamed body is cut as it is read; ApiErrors turns that into the same 413.
    chain.doFilter(new LimitedRequest(request, maxBytes), response);
  }

  private void tooLarge(HttpServletResponse response, String size) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    String message =
        "request body is "
            + size
            + "; the limit is "
            + maxBytes
            + " bytes (converge.api.max-request-bytes)";
    JSON.writeValue(response.getOutputStream(), Map.of("error", message));
  }

  /** Counts what is read and stops at the limit. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) throws IOException {
                read += n;
                if (read > maxBytes) {
                  throw new IOException("request body over the limit of " + maxBytes + " bytes");
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
