package io.mynode.jepsen.nemesis;

import java.util.List;
import java.util.Random;

/** {@code all}: each fault is one of the given nemeses, chosen at random. Single-threaded. */
public final class MixedNemesis implements Nemesis {
    private final List<Nemesis> choices;
    private Nemesis current;

    public MixedNemesis(List<Nemesis> choices) {
        this.choices = List.copyOf(choices);
    }

    @Override
    public String name() {
        return "all";
    }

    @Override
    public Event start(Random random) {
        current = choices.get(random.nextInt(choices.size()));
        return current.start(random);
    }

    @Override
    public Event stop() {
        if (current == null) {
            return choices.getFirst().stop();
        }
        Event e = current.stop();
        current = null;
        return e;
    }
}
