package no.ledger.api.web.csv;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the answers that have a table form as {@code text/csv}: RFC 4180 (CRLF line ends, quotes only where a
 * cell needs them), UTF-8 with a byte-order mark so that spreadsheets show æ, ø, å and Sámi letters, and a header
 * row. {@code ?delimiter=semicolon} separates cells by semicolons, as spreadsheets set up for Norwegian expect.
 * Quoting is Jackson's CSV module's.
 */
public class CsvMessageConverter extends AbstractHttpMessageConverter<Object> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Quotes only the cells that RFC 4180 needs quoted, not every number-like or spaced one. */
    private final CsvMapper csv = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private final Map<Class<?>, Function<Object, CsvTable>> tables;

    /** @param tables how each kind of answer becomes a table; other answers are not written as CSV */
    public CsvMessageConverter(Map<Class<?>, Function<Object, CsvTable>> tables) {
        super(StandardCharsets.UTF_8, TEXT_CSV, new MediaType("text", "csv"));
        this.tables = Map.copyOf(tables);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return tables.containsKey(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is read by the imports only", input);
    }

    @Override
    protected void writeInternal(Object answer, HttpOutputMessage output) throws IOException {
        CsvTable table = tables.get(answer.getClass()).apply(answer);
        output.getHeaders().setContentDisposition(ContentDisposition.attachment().filename(table.fileName())
                .build());
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n")
                .setColumnSeparator(semicolonAsked() ? ';' : ',');
        table.columns().forEach(schema::addColumn);
        OutputStream body = output.getBody();
        body.write(BYTE_ORDER_MARK);
        try (SequenceWriter writer = csv.writer(schema.build()).writeValues(body)) {
            for (List<Object> row : table.rows()) {
                List<String> cells = new ArrayList<>(row.size());
                row.forEach(cell -> cells.add(cell == null ? "" : cell.toString()));
                writer.write(cells);
            }
        }
    }

    private static boolean semicolonAsked() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return "semicolon".equalsIgnoreCase(request.getParameter("delimiter"));
        }
        return false;
    }
}
