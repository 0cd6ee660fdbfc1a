package io.mynode.jepsen.nemesis;

import io.mynode.jepsen.history.Keyword;
import java.util.Random;

/** No faults: the baseline a faulty run is compared with. */
public record NoNemesis() implements Nemesis {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public Event start(Random random) {
        return new Event(Keyword.of("start-none"), null);
    }

    @Override
    public Event stop() {
        return new Event(Keyword.of("stop-none"), null);
    }
}
