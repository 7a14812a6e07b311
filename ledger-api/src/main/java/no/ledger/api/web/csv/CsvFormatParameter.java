package no.ledger.api.web.csv;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code ?format=csv} asks for CSV as {@code Accept: text/csv} does, for links a browser follows. Only this one
 * value: the parameter means nothing else to the service. A problem is still answered as problem+json.
 */
public class CsvFormatParameter extends OncePerRequestFilter {

    private static final String ACCEPT_CSV = "text/csv, application/problem+json;q=0.5";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"csv".equalsIgnoreCase(request.getParameter("format"))) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? ACCEPT_CSV : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(ACCEPT_CSV))
                        : super.getHeaders(name);
            }
        }, response);
    }
}
