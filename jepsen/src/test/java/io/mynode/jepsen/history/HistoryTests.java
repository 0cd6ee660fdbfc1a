package io.mynode.jepsen.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTests {

    @Nested
    class EdnText {
        @Test
        void readsEveryKindOfValueJepsenWrites() {
            Object v = Edn.read("{:a nil, :b true, :c -12, :d 1.5, :e \"x\\\"y\", :f [1 (2 3)], :g #{4}, "
                    + ":h \\c, :i sym, :j #inst \"2020\", :k 123456789012345678901234N}");
            Map<?, ?> m = assertInstanceOf(Map.class, v);
            assertEquals(null, m.get(Keyword.of("a")));
            assertEquals(true, m.get(Keyword.of("b")));
            assertEquals(-12L, m.get(Keyword.of("c")));
            assertEquals(1.5, m.get(Keyword.of("d")));
            assertEquals("x\"y", m.get(Keyword.of("e")));
            assertEquals(List.of(1L, List.of(2L, 3L)), m.get(Keyword.of("f")));
            assertEquals(Set.of(4L), m.get(Keyword.of("g")));
            assertEquals('c', m.get(Keyword.of("h")));
            assertEquals(new Symbol("sym"), m.get(Keyword.of("i")));
            assertEquals(new Tagged("inst", "2020"), m.get(Keyword.of("j")));
            assertEquals(new java.math.BigInteger("123456789012345678901234"), m.get(Keyword.of("k")));
        }

        @Test
        void writesWhatItReads() {
            String text = "{:type :ok, :value [[:append 1 2] [:r 1 [1 2]]], :s #{3}, :str \"a\\nb\", :x nil, :d 2.5}";
            Object v = Edn.read(text);
            assertEquals(v, Edn.read(Edn.write(v)));
            assertEquals(text, Edn.write(v));
        }

        @Test
        void skipsCommentsCommasAndDiscards() {
            assertEquals(List.of(1L, 3L), Edn.read("; hi\n[1, #_2 3] ; bye"));
        }

        @Test
        void malformedTextIsAnErrorNamingTheLine() {
            var e = assertThrows(io.mynode.kernel.error.InvalidInputException.class, () -> Edn.read("[1\n2\n{:a}]"));
            assertTrue(e.getMessage().contains("line 3"), e.getMessage());
            assertThrows(io.mynode.kernel.error.InvalidInputException.class, () -> Edn.read("[1 2"));
            assertThrows(io.mynode.kernel.error.InvalidInputException.class, () -> Edn.read("(1 2]"));
            assertThrows(io.mynode.kernel.error.InvalidInputException.class, () -> Edn.read("\"abc"));
        }
    }

    @Nested
    class Files_ {
        @Test
        void roundTripsThroughHistoryEdnOneOpPerLine(@TempDir Path dir) throws Exception {
            History h = History.of(List.of(
                    Op.invoke(0, Keyword.of("write"), 3L, 10),
                    Op.invoke(Op.NEMESIS, Keyword.of("start-partition"), "majority", 12).complete(Op.Type.INFO, "x", 12, null),
                    Op.invoke(0, Keyword.of("write"), 3L, 10).complete(Op.Type.INFO, 3L, 20, "timeout")));
            Path file = dir.resolve("history.edn");
            h.write(file);
            List<String> lines = Files.readAllLines(file);
            assertEquals(3, lines.size());
            assertEquals("{:index 0, :time 10, :type :invoke, :process 0, :f :write, :value 3}", lines.get(0));
            assertTrue(lines.get(1).contains(":process :nemesis"));
            assertTrue(lines.get(2).contains(":error \"timeout\""));
            History back = History.read(file);
            assertEquals(h.ops(), back.ops());
        }

        @Test
        void readsAVectorOfOpsAndRecordTags() {
            History h = History.parse("[#jepsen.history.Op{:index 0 :type :invoke :process 1 :f :read :value nil}"
                    + " {:index 1 :type :ok :process 1 :f :read :value 5}]");
            assertEquals(1, h.operations().size());
            assertEquals(5L, h.operations().getFirst().value());
        }
    }

    @Nested
    class Pairing {
        @Test
        void pairsInvocationsWithCompletionsByProcess() {
            History h = History.parse("""
                    {:type :invoke :process 0 :f :write :value 1}
                    {:type :invoke :process 1 :f :read :value nil}
                    {:type :ok :process 1 :f :read :value 1}
                    {:type :fail :process 0 :f :write :value 1}
                    {:type :invoke :process 2 :f :read :value nil}
                    """);
            var ops = h.operations();
            assertEquals(3, ops.size());
            assertEquals(Op.Type.FAIL, ops.get(0).outcome());
            assertEquals(1L, ops.get(1).value());
            assertEquals(Op.Type.INFO, ops.get(2).outcome(), "an op the history never completed is :info");
        }

        @Test
        void aProcessInvokingTwiceIsRejected() {
            assertThrows(io.mynode.kernel.error.InvalidInputException.class, () -> History.parse("""
                    {:type :invoke :process 0 :f :write :value 1}
                    {:type :invoke :process 0 :f :write :value 2}
                    """));
        }

        @Test
        void aCompletionWithoutInvocationIsRejected() {
            assertThrows(io.mynode.kernel.error.InvalidInputException.class, () -> History.parse("{:type :ok :process 0 :f :write :value 1}"));
        }
    }
}
