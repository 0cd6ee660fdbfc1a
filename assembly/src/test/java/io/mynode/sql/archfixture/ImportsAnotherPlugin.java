package io.mynode.sql.archfixture;

import com.google.protobuf.ByteString;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.config.Settings;
import io.mynode.raft.archfixture.RaftInternal;

/**
 * A deliberately bad class for the architecture tests: a "SQL" class reaching into Raft and
 * protobuf, and reading Raft's settings from the node's configuration.
 */
public class ImportsAnotherPlugin {
    public int misuse() {
        return new RaftInternal().term() + ByteString.EMPTY.size();
    }

    public Settings raftSettings(NodeConfig config) {
        return config.settings("raft");
    }
}
