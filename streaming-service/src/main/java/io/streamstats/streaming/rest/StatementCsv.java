package io.streamstats.streaming.rest;

import io.streamstats.streaming.repository.ReadRepository.SettlementRow;
import io.streamstats.streaming.service.SettlementStatements.Statement;
import java.nio.charset.StandardCharsets;

/**
 * A settlement statement as CSV (RFC 4180): a header line, one line per video, then the {@value #TOTAL} line; lines
 * end in CRLF. The first column, {@code status}, is {@value #PROVISIONAL} or {@value #FINAL} on every line, so a
 * spreadsheet shows it beside every figure and a filtered or copied range keeps it (a comment line or an HTTP header
 * alone would be lost on the first sort or copy). The file starts with a UTF-8 byte order mark: without it a
 * spreadsheet opening the file guesses a local encoding and garbles non-Latin titles.
 * Titles are always quoted (quotes doubled; commas and line breaks stay inside the quotes), and a title that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe.
 */
final class StatementCsv {

    static final String HEADER = "status,videoId,title,views,adViews,videoAmount,adAmount,totalAmount";
    static final String PROVISIONAL = "provisional";
    static final String FINAL = "final";
    static final String TOTAL = "TOTAL";
    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final String CRLF = "\r\n";
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private StatementCsv() {
    }

    static byte[] render(Statement statement) {
        String status = statement.provisional() ? PROVISIONAL : FINAL;
        StringBuilder csv = new StringBuilder(BYTE_ORDER_MARK).append(HEADER).append(CRLF);
        for (SettlementRow row : statement.rows()) {
            csv.append(status).append(',').append(row.videoId()).append(',').append(title(row.title()))
                    .append(',').append(row.views()).append(',').append(row.adViews())
                    .append(',').append(row.videoAmount()).append(',').append(row.adAmount())
                    .append(',').append(row.videoAmount() + row.adAmount()).append(CRLF);
        }
        csv.append(status).append(',').append(TOTAL).append(",,").append(statement.views())
                .append(',').append(statement.adViews()).append(',').append(statement.videoAmount())
                .append(',').append(statement.adAmount()).append(',').append(statement.totalAmount()).append(CRLF);
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A quoted field; a leading formula character is defused with an apostrophe (OWASP "CSV injection"). */
    static String title(String title) {
        String text = title == null ? "" : title;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
