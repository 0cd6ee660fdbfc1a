package io.mynode.sql.archfixture;

import com.google.protobuf.ByteString;
import io.mynode.raft.archfixture.RaftInternal;

/** A deliberately bad class for the architecture tests: a "SQL" class reaching into Raft and protobuf. */
public class ImportsAnotherPlugin {
    public int misuse() {
        return new RaftInternal().term() + ByteString.EMPTY.size();
    }
}
