package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** `./platform` reads the channel's days from a channelSeries answer as streaming-service writes it. */
class TablesTest {

    static final String ANSWER = """
            {"from":"2026-11-25","to":"2026-11-26","groupBy":"DAY","series":[\
            {"start":"2026-11-25","end":"2026-11-25","views":0,"playSeconds":0,"adViews":0,"videoAmount":0,\
            "adAmount":0,"totalAmount":0},\
            {"start":"2026-11-26","end":"2026-11-26","views":4,"playSeconds":12,"adViews":2,"videoAmount":4,\
            "adAmount":20,"totalAmount":24}],\
            "totals":{"views":4,"playSeconds":12,"adViews":2,"videoAmount":4,"adAmount":20,"totalAmount":24},\
            "previous":{"from":"2026-11-23","to":"2026-11-24","totals":{"views":0,"playSeconds":0,"adViews":0,\
            "videoAmount":0,"adAmount":0,"totalAmount":0}},\
            "change":{"views":{"difference":4,"percent":null},"playSeconds":{"difference":12,"percent":null},\
            "adViews":{"difference":2,"percent":null},"videoAmount":{"difference":4,"percent":null},\
            "adAmount":{"difference":20,"percent":null},"totalAmount":{"difference":24,"percent":null}}}""";

    @Test
    void theDaysOfAChannelSeries() {
        assertEquals(List.of(new Tables.Point("2026-11-25", 0, 0, 0, 0, 0, 0),
                new Tables.Point("2026-11-26", 4, 12, 2, 4, 20, 24)), Tables.series(ANSWER));
        // the totals and the previous range are not days
        assertEquals(2, Tables.series(ANSWER).size());
        Tables.series("heading", ANSWER); // prints without failing
    }
}
