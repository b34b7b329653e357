package io.streamstats.streaming.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamstats.streaming.domain.DateRange;
import io.streamstats.streaming.repository.ReadRepository.SettlementRow;
import io.streamstats.streaming.service.SettlementStatements.Statement;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statement's CSV layout (StatementCsv), plain JUnit; SettlementStatementTest has it over HTTP. */
class StatementCsvTest {

    @Test
    void everyFormulaStartIsDefusedAndOtherTitlesStayAsTheyAre() {
        assertEquals("\"'=SUM(A1:A9)\"", StatementCsv.title("=SUM(A1:A9)"));
        assertEquals("\"'+82 10\"", StatementCsv.title("+82 10"));
        assertEquals("\"'-1\"", StatementCsv.title("-1"));
        assertEquals("\"'@cmd\"", StatementCsv.title("@cmd"));
        assertEquals("\"'\t=1\"", StatementCsv.title("\t=1"));
        assertEquals("\"'\r=1\"", StatementCsv.title("\r=1"));
        // only the first character decides: a spreadsheet runs a cell as a formula by its start
        assertEquals("\"a=1, b-2\"", StatementCsv.title("a=1, b-2"));
        assertEquals("\"서울의 밤 \"\"1\"\"\"", StatementCsv.title("서울의 밤 \"1\""));
        assertEquals("\"\"", StatementCsv.title(""));
    }

    @Test
    void headerLinesTotalAndStatusOnEveryLine() {
        Statement statement = new Statement(new DateRange(LocalDate.parse("2016-02-01"), LocalDate.parse("2016-02-29")),
                true, List.of(new SettlementRow(7, "x,y", 1, 2, 3, 40), new SettlementRow(9, "z", 0, 1, 0, 10)),
                1, 3, 3, 50);
        assertEquals("\uFEFFstatus,videoId,title,views,adViews,videoAmount,adAmount,totalAmount\r\n"
                + "provisional,7,\"x,y\",1,2,3,40,43\r\n"
                + "provisional,9,\"z\",0,1,0,10,10\r\n"
                + "provisional,TOTAL,,1,3,3,50,53\r\n", new String(StatementCsv.render(statement), StandardCharsets.UTF_8));
        assertEquals(SettlementStatementTest.parse(new String(StatementCsv.render(statement), StandardCharsets.UTF_8)
                .substring(1)).get(1), List.of("provisional", "7", "x,y", "1", "2", "3", "40", "43"));
    }
}
