package io.mynode.raft.archfixture;

/** Stands for a Raft-internal class that another plugin must not use (architecture test fixture). */
public class RaftInternal {
    public int term() {
        return 1;
    }
}
